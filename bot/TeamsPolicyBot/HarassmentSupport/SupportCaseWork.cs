using TeamsPolicyBot.Conversations;
using TeamsPolicyBot.Conversations.CardActions;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage.HarassmentSupport;
using F = TeamsPolicyBot.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.HarassmentSupport;

/// <summary>
/// Working a taken case, in private chats only: the case handler messages the person and the person replies
/// (relayed both ways, kept on the record), the case handler records actions and closes with an outcome, and
/// the person is told at each step. Only the case handler who took it (and, for replies, the person) may act.
/// </summary>
internal sealed class SupportCaseWork(ISupportReferrals referrals, SupportCards cards, SupportFollowUp followUp, TimeProvider time) : ICardActionHandler
{
    public const string NotDelivered = "Kept on the case, but the bot cannot reach them in a private chat yet. Please contact them another way.";

    public IReadOnlyCollection<string> Verbs { get; } = [SupportVerbs.Message, SupportVerbs.Reply, SupportVerbs.RecordAction, SupportVerbs.Close];

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var now = time.GetUtcNow();
        Func<SupportReferral, ReferralTransition> transition = action.Verb switch
        {
            SupportVerbs.Message or SupportVerbs.Reply => r => r.Message(actor, action.GetString(F.Message), now),
            SupportVerbs.RecordAction => r => r.RecordAction(actor, action.GetString(F.ActionTaken), now),
            _ => r => r.Close(actor, action.GetString(F.Outcome), action.GetString(F.OutcomeNotes), now),
        };

        var outcome = await referrals.ApplyAsync(action.GetString(F.Reference) ?? string.Empty, transition, cancellationToken);
        if (outcome.Changed is not { } changed)
        {
            // An empty message or a missing outcome: the same card again, with the problem on it.
            if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } current })
            {
                if (action.Verb != SupportVerbs.Reply)
                {
                    return InvokeResponse.Card(cards.Case(current, outcome.RefusalMessage));
                }

                if (current.Messages.LastOrDefault(m => m.FromHandler) is { } handlers)
                {
                    return InvokeResponse.Card(cards.Message(current, handlers, error: outcome.RefusalMessage));
                }
            }

            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        switch (action.Verb)
        {
            case SupportVerbs.Message or SupportVerbs.Reply:
                if (!(await followUp.MessagedAsync(changed, cancellationToken)).IsQueued)
                {
                    return InvokeResponse.Message(NotDelivered);
                }

                var sent = changed.Messages[^1];
                return InvokeResponse.Card(sent.FromHandler ? cards.Case(changed) : cards.Message(changed, sent, forSender: true));
            case SupportVerbs.RecordAction:
                await followUp.ActionRecordedAsync(changed, cancellationToken);
                break;
            default:
                await followUp.ClosedAsync(changed, cancellationToken);
                break;
        }

        return InvokeResponse.Card(cards.Case(changed));
    }
}
