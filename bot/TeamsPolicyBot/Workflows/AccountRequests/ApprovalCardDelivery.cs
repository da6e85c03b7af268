using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>Records where the Comms channel card landed; a request decided, withdrawn or resubmitted meanwhile gets its card brought up to date.</summary>
internal sealed class ApprovalCardDelivery(IAccountRequests requests, ApprovalChannelCard channelCard)
    : ChannelCardDelivery<AccountRequest, TransitionRefusal>(requests, channelCard)
{
    public override string? Kind => ApprovalChannelCard.TagKind;

    protected override string? ReferenceIn(DeliveryTag tag) => ApprovalChannelCard.PostedIn(tag);

    protected override TransitionResult Located(AccountRequest record, MessageLocation card) => new(record with { ApprovalCard = card }, null);
}
