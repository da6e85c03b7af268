using TeamsPolicyBot.Conversations.ProactiveMessages;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.HarassmentSupport;

namespace TeamsPolicyBot.HarassmentSupport;

/// <summary>Records where the channel card landed, so "Taken by …" can replace it in place; catches up if it was taken meanwhile.</summary>
internal sealed class SupportChannelCardDelivery(ISupportReferrals referrals, SupportFollowUp followUp) : IOutboxDeliveryHandler
{
    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
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
}
