using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Withdraw my request" (behind "I no longer need support" on the person's confirmation card and the "taken" notice):
/// only the person, while the request is open. The card they clicked becomes their confirmation. A retried click
/// (Teams retries an invoke it got no answer to, or a second card's button) withdraws once: the follow-up runs again
/// under the same keys, so nobody is told twice, and the click gets the same confirmation.
/// </summary>
internal sealed class SupportWithdrawal(ISupportReferrals referrals, SupportCards cards, SupportFollowUp followUp, TimeProvider time) : ICardActionHandler
{
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        [SupportVerbs.Withdraw] = new(RecordKind.SupportReferral, RecordViews.Starter),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var person = turn.Actor();
        var now = time.GetUtcNow();
        var outcome = await referrals.ApplyAsync(
            action.GetString(F.Reference) ?? string.Empty,
            referral => referral.Withdraw(person, action.GetString(F.WithdrawReason), now),
            cancellationToken);
        var withdrawn = outcome.Changed ?? (outcome is { Refusal.Kind: ReferralRefusalKind.AlreadyApplied, Current: { } earlier } ? earlier : null);
        if (withdrawn is null)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await followUp.WithdrawnAsync(withdrawn, cancellationToken);
        return InvokeResponse.Card(cards.Withdrawn(withdrawn));
    }
}
