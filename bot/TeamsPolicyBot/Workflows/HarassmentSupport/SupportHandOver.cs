using System.Globalization;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Hand over" on the case card (holiday, workload): only the case handler who has the case, only to another of
/// <c>Support:CaseHandlerIds</c>. The hand-over is saved with the ETag it was read with, so two clicks make one new
/// owner; a retried click (the same card's draft id) stores nothing again, re-runs the keyed follow-up and answers the same.
/// The one who handed it over sees their card without actions.
/// </summary>
internal sealed class SupportHandOver(
    ISupportReferrals referrals,
    ConfiguredPeople people,
    CaseHandlerChoices caseHandlers,
    SupportCards cards,
    PrivateCaseCards caseCards,
    SupportNotices notices,
    TimeProvider time) : ICardActionHandler
{
    public const string NotDelivered = "Handed over, but the bot cannot reach them in a private chat yet. Please let them know another way: \"Send me the details again\" on the Comms channel card will send them the details.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        [SupportVerbs.HandOver] = new(RecordKind.SupportReferral, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        if (!people.IsCaseHandler(actor.AadObjectId))
        {
            return InvokeResponse.Message(SupportCaseHandling.NotACaseHandler);
        }

        var to = await caseHandlers.FindAsync(action.GetString(F.HandOverTo), cancellationToken);
        var draftId = action.GetString(F.DraftId);
        var now = time.GetUtcNow();
        var outcome = await referrals.ApplyAsync(
            action.GetString(F.Reference) ?? string.Empty,
            referral => referral.HandOver(actor, to, action.GetString(F.HandOverNote), now, draftId),
            cancellationToken);

        var handedOver = outcome.Changed ?? (outcome is { Refusal.Kind: ReferralRefusalKind.AlreadyApplied, Current: { } earlier } ? earlier : null);
        if (handedOver is not null && (handedOver.HandOverFromDraft(actor, draftId) ?? handedOver.HandOvers[^1]) is { } handOver)
        {
            var reach = await HandedOverAsync(handedOver, handOver, cancellationToken);
            return reach.IsQueued ? InvokeResponse.Card(cards.HandedOver(handedOver, handOver)) : InvokeResponse.Message(NotDelivered);
        }

        // No one chosen, or not a case handler, or the note too long: their case card again, the problem on it.
        if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } invalid })
        {
            return InvokeResponse.Card(await caseCards.BuildAsync(invalid, outcome.RefusalMessage, cancellationToken));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }

    /// <summary>
    /// The case was handed over: the new case handler gets the case card in their 1:1, the channel card names them (still
    /// nothing about the person), and the person is told who looks after them now. Runs again for a retried click; each
    /// message is keyed by the hand-over's number, so nothing is said twice.
    /// </summary>
    private async Task<PersonReach> HandedOverAsync(SupportReferral referral, CaseHandOver handOver, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var step = string.Create(CultureInfo.InvariantCulture, $"handover/{handOver.Number}");
        var reach = await caseCards.SendAsync(referral, SupportNotices.StepKey(referral, step + "/details"), cancellationToken);
        await caseCards.ReplaceHandedAwayAsync(referral, handOver.From.By.AadObjectId, cancellationToken);
        await notices.TellPersonAsync(
            referral,
            step + "/notice",
            "Your request has a new case handler",
            $"{Cards.Markdown.Escape(handOver.To.Name)} from Communications & Engagement now looks after your request, and will contact you here in Teams. {Cards.Markdown.Escape(handOver.From.By.Name)} handed it over to them with everything you told us; nobody else sees it.",
            "good",
            cancellationToken,
            canWithdraw: true);
        return reach;
    }
}
