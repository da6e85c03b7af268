using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// Finds a person's Teams user id (29:...) from their Entra object id: from what is stored, else
/// from the Comms team roster, then stored so the roster is read once per person found (someone
/// not in the roster is looked for again next time: they may have joined). The roster also names
/// people, which is how the bot names a line manager when Graph is off.
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

    /// <summary>
    /// Who sees a shared channel card's buttons. The people who may act get them through the card's refresh
    /// (Teams asks the bot for each one's own view; it takes Teams user ids, not object ids, and at most
    /// <see cref="MaxRefreshUsers"/>); everyone else sees the card as posted, without them. If one of those
    /// people cannot be found in Teams, or there are too many, everyone keeps the buttons rather than leave
    /// someone unable to act; a click by anyone else is refused by the workflow's own check.
    /// </summary>
    public async Task<CardAudience> CardAudienceAsync(IEnumerable<string> mayActAadObjectIds, CancellationToken cancellationToken)
    {
        var mayAct = mayActAadObjectIds.ToList();
        if (mayAct.Count > MaxRefreshUsers)
        {
            return new CardAudience([], EveryoneSeesActions: true);
        }

        // What is stored first, then one read of the roster for everyone still unknown (a card is rendered inside a click).
        var teamsIds = new string?[mayAct.Count];
        for (var i = 0; i < mayAct.Count; i++)
        {
            var chat = await conversations.FindPersonalChatAsync(mayAct[i], cancellationToken);
            teamsIds[i] = chat?.User?.Id ?? (await conversations.FindMemberAsync(mayAct[i], cancellationToken))?.TeamsUserId;
        }

        var unknown = mayAct.Where((_, i) => teamsIds[i] is null).ToList();
        if (unknown.Count > 0)
        {
            var (found, _) = await roster.FindManyAsync(unknown, cancellationToken);
            foreach (var member in found)
            {
                await conversations.SaveMemberAsync(member, cancellationToken);
                for (var i = 0; i < mayAct.Count; i++)
                {
                    if (teamsIds[i] is null && Forms.ObjectIds.Same(mayAct[i], member.AadObjectId))
                    {
                        teamsIds[i] = member.TeamsUserId;
                    }
                }
            }
        }

        var ids = teamsIds.OfType<string>().ToList();
        return new CardAudience(ids, EveryoneSeesActions: ids.Count < mayAct.Count);
    }

    /// <summary>Teams shows a card's own view to at most 60 users.</summary>
    public const int MaxRefreshUsers = 60;

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

/// <summary>
/// Who sees a channel card's buttons: <see cref="RefreshUserIds"/> (Teams user ids) get their own view through the
/// card's refresh; when <see cref="EveryoneSeesActions"/> is true the shared card carries the buttons too.
/// </summary>
internal sealed record CardAudience(IReadOnlyList<string> RefreshUserIds, bool EveryoneSeesActions)
{
    /// <summary>Once nobody can act any more (decided, resolved, closed): no buttons and no refresh.</summary>
    public static CardAudience NobodyActs { get; } = new([], EveryoneSeesActions: false);
}
