using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Records where the channel card landed, so "Taken by …" can replace it in place; catches up if it was taken meanwhile.
/// Also records where each case card with the details landed in a case handler's private chat, so that after a hand-over
/// it is replaced by one without them; one that lands after its case handler already handed the case over is replaced at once.
/// </summary>
internal sealed class SupportChannelCardDelivery(ISupportReferrals referrals, SupportFollowUp followUp) : IOutboxDeliveryHandler
{
    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (SupportFollowUp.ParseCaseCardCorrelation(delivery.Correlation) is var (caseReference, handler))
        {
            await CaseCardDeliveredAsync(delivery, caseReference, handler, cancellationToken);
            return;
        }

        if (ChannelCardLocation.OfNewThread(delivery) is not { } location || SupportFollowUp.ParseCorrelation(delivery.Correlation) is not { } reference)
        {
            return;
        }

        var outcome = await referrals.ApplyAsync(reference, referral => referral with { ChannelCard = location }, cancellationToken);
        if (outcome.Changed is { Status: not ReferralStatus.New } located)
        {
            await followUp.UpdateChannelCardAsync(located, cancellationToken);
        }
    }

    private async Task CaseCardDeliveredAsync(OutboxDelivery delivery, string reference, string handler, CancellationToken cancellationToken)
    {
        if (delivery.ActivityId is not { } activityId)
        {
            return;
        }

        var card = new CaseCardLocation(handler, new ChannelCardLocation(delivery.ServiceUrl, delivery.ConversationId, activityId));
        var outcome = await referrals.ApplyAsync(reference, referral => referral.WithCaseCard(card), cancellationToken);
        if (outcome.Current is { } located)
        {
            await followUp.ReplaceHandedAwayCaseCardsAsync(located, handler, cancellationToken);
        }
    }
}
