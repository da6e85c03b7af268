using Azure.Data.Tables;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Storage.ConversationReferences;

internal sealed class ConversationReferenceRepository(TableStorage storage, TimeProvider time) : IConversationReferences
{
    private const string ThreadSuffix = ";messageid=";

    private readonly TableClient table = storage.GetTable(TableNames.ConversationReferences);

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var conversationId = reference.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(reference.ServiceUrl))
        {
            throw new ArgumentException("A conversation reference needs a conversation id and a serviceUrl.", nameof(reference));
        }

        // Independent upserts, not a batch: they live in different partitions, so they go out together
        // (every inbound activity waits on them). Each is idempotent, so a partial save is repaired by
        // the next activity from that conversation.
        await Task.WhenAll(Rows(reference, conversationId).Select(row =>
            table.UpsertEntityAsync(ToEntity(row.Partition, row.RowKey, row.Reference), TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
    }

    public Task<ConversationReference?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        return FindAsync(ConversationReferenceKeys.ByAadObjectId, ConversationReferenceKeys.AadRowKey(aadObjectId), cancellationToken);
    }

    public Task<ConversationReference?> FindByTeamsUserIdAsync(string teamsUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamsUserId);
        return FindAsync(ConversationReferenceKeys.ByTeamsUserId, ConversationReferenceKeys.TeamsUserRowKey(teamsUserId), cancellationToken);
    }

    public Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return FindAsync(ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(conversationId), cancellationToken);
    }

    public Task SaveMemberAsync(KnownMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrEmpty(member.AadObjectId);
        ArgumentException.ThrowIfNullOrEmpty(member.TeamsUserId);
        ArgumentException.ThrowIfNullOrEmpty(member.ServiceUrl);
        var entity = new MemberEntity
        {
            PartitionKey = ConversationReferenceKeys.MemberByAadObjectId,
            RowKey = ConversationReferenceKeys.AadRowKey(member.AadObjectId),
            AadObjectId = member.AadObjectId,
            TeamsUserId = member.TeamsUserId,
            ServiceUrl = member.ServiceUrl,
            TenantId = member.TenantId,
            Name = member.Name,
            Email = member.Email,
            SavedAt = time.GetUtcNow(),
        };
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<KnownMember?> FindMemberAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        var found = await table.GetEntityIfExistsAsync<MemberEntity>(ConversationReferenceKeys.MemberByAadObjectId, ConversationReferenceKeys.AadRowKey(aadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } member ? new KnownMember(member.AadObjectId, member.TeamsUserId, member.ServiceUrl, member.TenantId, member.Name, member.Email) : null;
    }

    private static IEnumerable<(string Partition, string RowKey, ConversationReference Reference)> Rows(ConversationReference reference, string conversationId)
    {
        yield return (ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(conversationId), reference);

        if (string.Equals(reference.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrEmpty(reference.User?.AadObjectId))
            {
                yield return (ConversationReferenceKeys.ByAadObjectId, ConversationReferenceKeys.AadRowKey(reference.User.AadObjectId), reference);
            }

            if (!string.IsNullOrEmpty(reference.User?.Id))
            {
                yield return (ConversationReferenceKeys.ByTeamsUserId, ConversationReferenceKeys.TeamsUserRowKey(reference.User.Id), reference);
            }
        }

        // A post in a channel thread carries the thread's id; keep the channel itself reachable
        // too, so a workflow can start a new thread there without having seen a top-level post.
        var threadAt = conversationId.IndexOf(ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        if (threadAt > 0)
        {
            var channelId = conversationId[..threadAt];
            var channel = BotJson.Deserialize<ConversationReference>(BotJson.Serialize(reference))!;
            channel.Conversation!.Id = channelId;
            channel.ActivityId = null;
            yield return (ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(channelId), channel);
        }
    }

    private ConversationReferenceEntity ToEntity(string partition, string rowKey, ConversationReference reference) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        Reference = BotJson.Serialize(reference),
        ConversationId = reference.Conversation?.Id,
        ConversationType = reference.Conversation?.ConversationType,
        TenantId = reference.Conversation?.TenantId,
        SavedAt = time.GetUtcNow(),
    };

    private async Task<ConversationReference?> FindAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<ConversationReferenceEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? BotJson.Deserialize<ConversationReference>(found.Value!.Reference) : null;
    }
}
