using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Records;

/// <summary>
/// Records where a record's new Comms channel thread landed, so later changes replace its card in place and reply in its
/// thread. If the record moved on while the card was on its way (decided, taken, withdrawn), the card is brought up to
/// date at once (the channel card's projection knows whether it did). Each workflow says which tag is its card's and how
/// the record keeps the location.
/// </summary>
internal abstract class ChannelCardDelivery<TRecord, TRefusal>(
    IRecordStore<TRecord, TRefusal> store,
    IRecordProjection<TRecord> channelCard) : IOutboxDeliveryHandler
    where TRecord : class
    where TRefusal : class, IRefusal
{
    public abstract string? Kind { get; }

    /// <summary>The reference of the record the posted card is about; null for a tag of another shape.</summary>
    protected abstract string? ReferenceIn(DeliveryTag tag);

    /// <summary>The record, now knowing where its card is.</summary>
    protected abstract Transition<TRecord, TRefusal> Located(TRecord record, MessageLocation card);

    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (MessageLocation.OfNewThread(delivery) is not { } card || delivery.Tag is not { } tag || ReferenceIn(tag) is not { } reference)
        {
            return;
        }

        var outcome = await store.ApplyAsync(reference, record => Located(record, card), cancellationToken).ConfigureAwait(false);
        if (outcome.Changed is { } located)
        {
            await channelCard.ShowAsync(located, cancellationToken).ConfigureAwait(false);
        }
    }
}
