using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Records where each case card with the details landed in a case handler's private chat, so that after a hand-over it
/// is replaced by one without them; one that lands after its case handler already handed the case over is replaced at once.
/// </summary>
internal sealed class SupportCaseCardDelivery(ISupportReferrals referrals, PrivateCaseCards caseCards) : IOutboxDeliveryHandler
{
    public string? Kind => PrivateCaseCards.Kind;

    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (PrivateCaseCards.Of(delivery.Tag) is not (var reference, var handler) || MessageLocation.Of(delivery) is not { } location)
        {
            return;
        }

        var outcome = await referrals.ApplyAsync(reference, referral => referral.WithCaseCard(new CaseCardLocation(handler, location)), cancellationToken);
        if (outcome.Current is { } located)
        {
            await caseCards.ReplaceHandedAwayAsync(located, handler, cancellationToken);
        }
    }
}
