using TeamsPolicyBot.People;
using TeamsPolicyBot.Storage.ConversationReferences;

namespace TeamsPolicyBot.Conversations.ProactiveMessages;

/// <summary>
/// Finds a person's Teams user id (29:...) from their Entra object id: from what is stored, else
/// from the Comms team roster, then stored so the roster is read at most once per person. The
/// roster also names people, which is how the bot names a line manager when Graph is off.
/// </summary>
internal sealed class TeamsMembers(IConversationReferences conversations, CommsRoster roster) : IPersonNames
{
    /// <summary>The stored member, or the roster's answer (then stored); null with the reason when neither knows them.</summary>
    public async Task<(KnownMember? Member, UnreachableReason Reason)> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (await conversations.FindMemberAsync(aadObjectId, cancellationToken) is { } stored)
        {
            return (stored, UnreachableReason.None);
        }

        var found = await roster.FindAsync(aadObjectId, cancellationToken);
        if (found.Member is not { } member)
        {
            return (null, found.Reason);
        }

        await conversations.SaveMemberAsync(member, cancellationToken);
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

    /// <summary>
    /// The name the Comms roster shows (with the email), else the name from the person's own chat with
    /// the bot; null when the person is in neither.
    /// </summary>
    public async Task<PersonName?> FindNameAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var (member, _) = await FindAsync(aadObjectId, cancellationToken);
        if (member?.Name is not null)
        {
            return new PersonName(member.Name, member.Email);
        }

        var chatName = (await conversations.FindPersonalChatAsync(aadObjectId, cancellationToken))?.User?.Name;
        return chatName is { Length: > 0 } || member?.Email is not null ? new PersonName(NullIfEmpty(chatName), member?.Email) : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
