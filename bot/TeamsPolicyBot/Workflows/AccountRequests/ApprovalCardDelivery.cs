using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// Records where the Comms channel card landed, so later decisions can replace it in place. If
/// the request moved on while the card was on its way (decided, withdrawn, resubmitted), the card
/// is brought up to date at once.
/// </summary>
internal sealed class ApprovalCardDelivery(IAccountRequests requests, AccountRequestFollowUp followUp) : IOutboxDeliveryHandler
{
    private const int Attempts = 5;

    public string? Kind => AccountRequestFollowUp.TagKind;

    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (MessageLocation.OfNewThread(delivery) is not { } location || AccountRequestFollowUp.ChannelCardOf(delivery.Tag) is not { } posted)
        {
            return;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await requests.GetAsync(posted.Reference, cancellationToken) is not { } stored)
            {
                return;
            }

            var located = stored.Record with { ApprovalCard = location };
            if (await requests.SaveAsync(located, stored.ETag, cancellationToken) is SaveResult.Saved)
            {
                if (located.Status != AccountRequestStatus.Pending || located.Version != posted.Version)
                {
                    await followUp.UpdateChannelCardAsync(located, cancellationToken);
                }

                return;
            }
        }
    }
}
