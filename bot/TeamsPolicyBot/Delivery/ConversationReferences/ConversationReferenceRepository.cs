using Azure.Data.Tables;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

internal sealed class ConversationReferenceRepository(TableStorage storage, TimeProvider time, StoredReferenceCache stored) : IConversationReferences
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

        // Every row is built and checked (ids of the expected form, Table Storage's limits) before any
        // call, so an activity with a malformed id stores nothing at all.
        var entities = Rows(reference, KeyFormats.TeamsId(conversationId, "conversation id"))
            .Select(row => (Entity: TableLimits.Entity(ConversationReferenceEntity.Create(row.Partition, row.RowKey, row.Reference, time.GetUtcNow()), table.Name), Content: ComparableContent(row.Reference)))
            .ToList();

        // Independent upserts, not a batch: they live in different partitions, so they go out together
        // (every inbound activity waits on them). Each is idempotent, so a partial save is repaired by
        // the next activity from that conversation. A row this instance already stored with the same
        // content (the activity's own id aside: nothing reads it back) is not written again.
        await Task.WhenAll(entities.Select(row => UpsertIfChangedAsync(row.Entity, row.Content, cancellationToken))).ConfigureAwait(false);
    }

    private async Task UpsertIfChangedAsync(TableEntity entity, string content, CancellationToken cancellationToken)
    {
        if (stored.IsStored(entity.PartitionKey, entity.RowKey, content))
        {
            return;
        }

        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            stored.Stored(entity.PartitionKey, entity.RowKey, content);
        }
        catch
        {
            stored.Forget(entity.PartitionKey, entity.RowKey);
            throw;
        }
    }

    /// <summary>The stored JSON without the activity id, which differs on every activity and is never read back.</summary>
    private static string ComparableContent(ConversationReference reference)
    {
        var activityId = reference.ActivityId;
        reference.ActivityId = null;
        try
        {
            return BotJson.Serialize(reference);
        }
        finally
        {
            reference.ActivityId = activityId;
        }
    }

    public Task<ConversationReference?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        return KeyFormats.IsObjectId(aadObjectId)
            ? FindAsync(ConversationReferenceKeys.ByAadObjectId, ConversationReferenceKeys.AadRowKey(aadObjectId), cancellationToken)
            : Task.FromResult<ConversationReference?>(null);
    }

    public Task<ConversationReference?> FindByTeamsUserIdAsync(string teamsUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamsUserId);
        return KeyFormats.IsTeamsId(teamsUserId)
            ? FindAsync(ConversationReferenceKeys.ByTeamsUserId, ConversationReferenceKeys.TeamsUserRowKey(teamsUserId), cancellationToken)
            : Task.FromResult<ConversationReference?>(null);
    }

    public Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return KeyFormats.IsTeamsId(conversationId)
            ? FindAsync(ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(conversationId), cancellationToken)
            : Task.FromResult<ConversationReference?>(null);
    }

    public Task SaveMemberAsync(KnownMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrEmpty(member.AadObjectId);
        ArgumentException.ThrowIfNullOrEmpty(member.TeamsUserId);
        ArgumentException.ThrowIfNullOrEmpty(member.ServiceUrl);
        var entity = MemberEntity.Create(ConversationReferenceKeys.MemberByAadObjectId, ConversationReferenceKeys.AadRowKey(KeyFormats.ObjectId(member.AadObjectId)), member, time.GetUtcNow());
        KeyFormats.TeamsId(member.TeamsUserId, "Teams user id");
        return table.UpsertEntityAsync(TableLimits.Entity(entity, table.Name), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<KnownMember?> FindMemberAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        if (!KeyFormats.IsObjectId(aadObjectId))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(ConversationReferenceKeys.MemberByAadObjectId, ConversationReferenceKeys.AadRowKey(aadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? MemberEntity.ToMember(row) : null;
    }

    /// <summary>
    /// Deletes the personal chat references (by object id, by Teams id, by conversation id) and the roster row of everyone
    /// last seen before <paramref name="cutoff"/> who is not in <paramref name="keep"/> (people some stored record names,
    /// or the settings name). <c>SavedAt</c> is when the row was last written, which is the last time the person used the
    /// bot to within <see cref="StoredReferenceCache.Lifetime"/>: an unchanged row is written again once the cache entry
    /// expires, so a turn writes nothing extra. Channel and group chat references are never deleted. Returns how many people.
    /// </summary>
    internal async Task<int> DeletePeopleLastSeenBeforeAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, List<(string Partition, string RowKey)>>(StringComparer.OrdinalIgnoreCase);
        void Add(string person, string partition, string rowKey)
        {
            if (!keep.Contains(person))
            {
                (people.TryGetValue(person, out var rows) ? rows : people[person] = []).Add((partition, rowKey));
            }
        }

        var recent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {ConversationReferenceKeys.ByAadObjectId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var reference = BotJson.Deserialize<ConversationReference>(ConversationReferenceEntity.ReferenceJson(row));
            if (reference?.User?.AadObjectId is not { } person)
            {
                continue;
            }

            if (ConversationReferenceEntity.SavedAtOf(row) >= cutoff)
            {
                recent.Add(person);
                continue;
            }

            // The by-Teams-id and by-conversation rows first, the by-object-id row last: a run cut short finds the person again.
            if (reference.User.Id is { } teamsId && KeyFormats.IsTeamsId(teamsId))
            {
                Add(person, ConversationReferenceKeys.ByTeamsUserId, ConversationReferenceKeys.TeamsUserRowKey(teamsId));
            }

            if (reference.Conversation?.Id is { } conversationId && KeyFormats.IsTeamsId(conversationId))
            {
                Add(person, ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(conversationId));
            }

            Add(person, row.PartitionKey, row.RowKey);
        }

        await foreach (var row in table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {ConversationReferenceKeys.MemberByAadObjectId} and SavedAt lt {cutoff}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var person = MemberEntity.ToMember(row).AadObjectId;
            if (!recent.Contains(person))
            {
                Add(person, row.PartitionKey, row.RowKey);
            }
        }

        foreach (var (_, rows) in people)
        {
            foreach (var (partition, rowKey) in rows)
            {
                await table.DeleteIfExistsAsync(partition, rowKey, cancellationToken).ConfigureAwait(false);
                stored.Forget(partition, rowKey);
            }
        }

        return people.Count;
    }

    private static IEnumerable<(string Partition, string RowKey, ConversationReference Reference)> Rows(ConversationReference reference, string conversationId)
    {
        yield return (ConversationReferenceKeys.ByConversationId, ConversationReferenceKeys.ConversationRowKey(conversationId), reference);

        if (string.Equals(reference.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrEmpty(reference.User?.AadObjectId))
            {
                yield return (ConversationReferenceKeys.ByAadObjectId, ConversationReferenceKeys.AadRowKey(KeyFormats.ObjectId(reference.User.AadObjectId)), reference);
            }

            if (!string.IsNullOrEmpty(reference.User?.Id))
            {
                yield return (ConversationReferenceKeys.ByTeamsUserId, ConversationReferenceKeys.TeamsUserRowKey(KeyFormats.TeamsId(reference.User.Id, "Teams user id")), reference);
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

    private async Task<ConversationReference?> FindAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        if (!TableLimits.IsKey(rowKey))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? BotJson.Deserialize<ConversationReference>(ConversationReferenceEntity.ReferenceJson(found.Value!)) : null;
    }
}
