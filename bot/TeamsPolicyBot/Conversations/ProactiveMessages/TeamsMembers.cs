using TeamsPolicyBot.Storage.ConversationReferences;

namespace TeamsPolicyBot.Conversations.ProactiveMessages;

/// <summary>
/// Finds a person's Teams user id (29:...) from their Entra object id: from what is stored, else
/// from the Comms team roster, then stored so the roster is read at most once per person.
/// </summary>
internal sealed class TeamsMembers(IConversationReferences conversations, CommsRoster roster)
{
    /// <summary>The stored member, or the roster's answer (then stored); null with the reason when neither knows them.</summary>
    public async Task<(KnownMember? Member, UnreachableReason Reason)> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (await conversations.FindMemberAsync(aadObjectId, cancellationToken) is { } stored)
        {
            return (stored, UnreachableReason.None);
        }

        var found = await roster.FindAsync(aadObjectId, cancellationToken);
        if (!found.Found)
        {
            return (null, found.Reason);
        }

        var member = new KnownMember(aadObjectId, found.TeamsUserId!, found.Address!.ServiceUrl, found.Address.TenantId);
        await conversations.SaveMemberAsync(member.AadObjectId, member.TeamsUserId, member.ServiceUrl, member.TenantId, cancellationToken);
        return (member, UnreachableReason.None);
    }

    /// <summary>The Teams user ids of these people that can be found; Action.Execute refresh needs them, not object ids.</summary>
    public async Task<IReadOnlyList<string>> TeamsUserIdsAsync(IEnumerable<string> aadObjectIds, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var aadObjectId in aadObjectIds)
        {
            var chat = await conversations.FindPersonalChatAsync(aadObjectId, cancellationToken);
            var id = chat?.User?.Id ?? (await FindAsync(aadObjectId, cancellationToken)).Member?.TeamsUserId;
            if (id is not null)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
