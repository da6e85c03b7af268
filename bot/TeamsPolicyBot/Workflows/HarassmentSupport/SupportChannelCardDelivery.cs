using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Records where the channel card landed, so "Taken by …" can replace it in place; catches up if it was taken meanwhile.</summary>
internal sealed class SupportChannelCardDelivery(ISupportReferrals referrals, SupportFollowUp followUp) : IOutboxDeliveryHandler
{
    public string? Kind => SupportFollowUp.ChannelCardKind;

    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (MessageLocation.OfNewThread(delivery) is not { } location || SupportFollowUp.ChannelCardOf(delivery.Tag) is not { } reference)
        {
            return;
        }

        var outcome = await referrals.ApplyAsync(reference, referral => referral with { ChannelCard = location }, cancellationToken);
        if (outcome.Changed is { Status: not ReferralStatus.New } located)
        {
            await followUp.UpdateChannelCardAsync(located, cancellationToken);
        }
    }
}
