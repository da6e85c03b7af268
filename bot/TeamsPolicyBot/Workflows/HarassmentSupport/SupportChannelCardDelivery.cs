using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Records where the channel card landed, so "Taken by …" can replace it in place; catches up if it was taken meanwhile.</summary>
internal sealed class SupportChannelCardDelivery(ISupportReferrals referrals, ReferralChannelCard channelCard)
    : ChannelCardDelivery<SupportReferral, ReferralRefusal>(referrals, channelCard)
{
    public override string? Kind => ReferralChannelCard.TagKind;

    protected override string? ReferenceIn(DeliveryTag tag) => ReferralChannelCard.PostedIn(tag);

    protected override ReferralTransition Located(SupportReferral record, MessageLocation card) => record with { ChannelCard = card };
}
