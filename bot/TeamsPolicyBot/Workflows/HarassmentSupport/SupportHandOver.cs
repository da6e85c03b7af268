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
internal sealed class SupportHandOver(ISupportReferrals referrals, CaseHandlerPolicy policy, CaseHandlerChoices caseHandlers, SupportCards cards, SupportFollowUp followUp, TimeProvider time) : ICardActionHandler
{
    public const string NotDelivered = "Handed over, but the bot cannot reach them in a private chat yet. Please let them know another way: \"Send me the details again\" on the Comms channel card will send them the details.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        [SupportVerbs.HandOver] = new(RecordKind.SupportReferral, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        if (!policy.MayHandle(actor.AadObjectId))
        {
            return InvokeResponse.Message(CaseHandlerPolicy.NotACaseHandler);
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
            var reach = await followUp.HandedOverAsync(handedOver, handOver, cancellationToken);
            return reach.IsQueued ? InvokeResponse.Card(cards.HandedOver(handedOver, handOver)) : InvokeResponse.Message(NotDelivered);
        }

        // No one chosen, or not a case handler, or the note too long: their case card again, the problem on it.
        if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } invalid })
        {
            return InvokeResponse.Card(await followUp.CaseCardAsync(invalid, outcome.RefusalMessage, cancellationToken));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }
}
