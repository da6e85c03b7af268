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
internal sealed class SupportWithdrawal(ISupportReferrals referrals, SupportCards cards, SupportNotices notices, TimeProvider time) : ICardActionHandler
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

        await WithdrawnAsync(withdrawn, cancellationToken);
        return InvokeResponse.Card(cards.Withdrawn(withdrawn));
    }

    /// <summary>
    /// The person withdrew it: "My requests", the channel card in place (still nothing personal: "Withdrawn" only), and the
    /// case handler who took it, if anyone had, with the person's note. Runs again, unchanged, for the person's retried click.
    /// The line manager is not told: they were told only what the person agreed to when asking, and whether to tell them
    /// it is over is the person's to decide (the person's confirmation says so); a message out of the blue would say more.
    /// An urgent request nobody took: those alerted at once are told they can stand down (the reminder now says nothing).
    /// </summary>
    private async Task WithdrawnAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        if (referral.Handler is null)
        {
            if (referral.IsUrgent)
            {
                // They were alerted that someone feels unsafe now: let them stand down (still nothing personal).
                await notices.TellUrgentAudienceAsync(
                    referral,
                    "withdrawn/urgent",
                    "No longer needed: an urgent support request was withdrawn",
                    $"The member of staff who asked for support with {referral.Reference} withdrew the request before anyone took it. Nobody needs to take it now.",
                    "good",
                    cancellationToken);
            }

            return;
        }

        var withdrawal = referral.Withdrawal!;
        var note = withdrawal.Reason is { } reason ? $"Their note for you: {Cards.Markdown.Escape(reason)}" : "They left no note.";
        await notices.TellCaseHandlerAsync(
            referral,
            "withdrawn/handler",
            $"Support case {referral.Reference} was withdrawn",
            $"{Cards.Markdown.Escape(referral.Person.Name)} withdrew their support request",
            $"{Cards.Markdown.Escape(referral.Person.Name)} no longer needs support with {referral.Reference} and withdrew it on {Cards.CardDates.DateAndTime(withdrawal.At)}. {note}\n\nNothing more is needed on the case; they can ask again at any time. Their line manager is not told by the bot.",
            "accent",
            cancellationToken);
    }
}
