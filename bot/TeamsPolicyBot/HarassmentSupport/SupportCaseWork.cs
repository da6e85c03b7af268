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
/// A retried click (Teams retries an invoke it got no answer to) stores nothing twice: a message or an action
/// carries its card's draft id, a close is recognised by who closed it; what follows the stored change runs
/// again (each message keyed, so nothing is said twice) and the click gets the answer the first one would have.
/// </summary>
internal sealed class SupportCaseWork(ISupportReferrals referrals, SupportCards cards, SupportFollowUp followUp, TimeProvider time) : ICardActionHandler
{
    public const string NotDelivered = "Kept on the case, but the bot cannot reach them in a private chat yet. Please contact them another way.";

    public IReadOnlyCollection<string> Verbs { get; } = [SupportVerbs.Message, SupportVerbs.Reply, SupportVerbs.RecordAction, SupportVerbs.Close];

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var now = time.GetUtcNow();
        var draftId = action.GetString(F.DraftId);
        Func<SupportReferral, ReferralTransition> transition = action.Verb switch
        {
            SupportVerbs.Message or SupportVerbs.Reply => r => r.Message(actor, action.GetString(F.Message), now, draftId),
            SupportVerbs.RecordAction => r => r.RecordAction(actor, action.GetString(F.ActionTaken), now, draftId),
            _ => r => r.Close(actor, action.GetString(F.Outcome), action.GetString(F.OutcomeNotes), now),
        };

        var outcome = await referrals.ApplyAsync(action.GetString(F.Reference) ?? string.Empty, transition, cancellationToken);
        if (outcome.Changed is { } changed)
        {
            return await FollowUpAsync(action.Verb, changed, actor, draftId, cancellationToken);
        }

        if (outcome.Current is { } current && IsRetry(action.Verb, outcome.Refusal, current, actor))
        {
            return await FollowUpAsync(action.Verb, current, actor, draftId, cancellationToken);
        }

        // An empty message or a missing outcome: the same card again, with the problem on it.
        if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } invalid })
        {
            if (action.Verb != SupportVerbs.Reply)
            {
                return InvokeResponse.Card(await followUp.CaseCardAsync(invalid, outcome.RefusalMessage, cancellationToken));
            }

            if (invalid.Messages.LastOrDefault(m => m.FromHandler) is { } handlers)
            {
                return InvokeResponse.Card(cards.Message(invalid, handlers, error: outcome.RefusalMessage));
            }
        }

        // The person withdrew it: their case handler's card turns into the withdrawn case (no more boxes), with why.
        if (outcome.Current is { Status: ReferralStatus.Withdrawn } withdrawn && withdrawn.IsHandler(actor))
        {
            return InvokeResponse.Card(await followUp.CaseCardAsync(withdrawn, outcome.RefusalMessage, cancellationToken));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }

    /// <summary>The change this click asks for is already stored: a message or action from its draft, or the case closed by them.</summary>
    private static bool IsRetry(string verb, ReferralRefusal? refusal, SupportReferral current, Actor actor) =>
        refusal?.Kind == ReferralRefusalKind.AlreadyApplied || (verb == SupportVerbs.Close && current.WasClosedBy(actor));

    /// <summary>What follows the stored change, for the change this click made (found by its draft id on a retry).</summary>
    private async Task<InvokeResponse> FollowUpAsync(string verb, SupportReferral referral, Actor actor, string? draftId, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case SupportVerbs.Message or SupportVerbs.Reply:
                var sent = referral.MessageFromDraft(actor, draftId) ?? referral.Messages[^1];
                if (!(await followUp.MessagedAsync(referral, sent, cancellationToken)).IsQueued)
                {
                    return InvokeResponse.Message(NotDelivered);
                }

                return InvokeResponse.Card(sent.FromHandler ? await followUp.CaseCardAsync(referral, cancellationToken: cancellationToken) : cards.Message(referral, sent, forSender: true));
            case SupportVerbs.RecordAction:
                await followUp.ActionRecordedAsync(referral, referral.ActionFromDraft(actor, draftId) ?? referral.Actions[^1], cancellationToken);
                break;
            default:
                await followUp.ClosedAsync(referral, cancellationToken);
                break;
        }

        return InvokeResponse.Card(await followUp.CaseCardAsync(referral, cancellationToken: cancellationToken));
    }
}
