using System.Globalization;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// Tells Comms, in the Comms channel, about every outbox entry recorded Failed or InDoubt, so no queued
/// message is dropped silently. The notice is plain text naming what the message was (its kind and the
/// workflow's reference: the entry's correlation or idempotency key, ids only) and why it failed;
/// never its content or its recipient. It goes through the outbox like any post (once per entry,
/// under an idempotency key); a notice that fails itself is only logged, so failures never cascade.
/// </summary>
internal sealed partial class CommsFailureNotice(
    IProactiveMessenger messenger,
    ILogger<CommsFailureNotice> logger) : IOutboxFailureHandler
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the notices themselves, so a notice that fails is not reported again.</summary>
    public const string TagKind = "outbox-failed";

    public async Task OnFailedAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (DeliveryTag.Parse(entry.Correlation)?.Kind == TagKind)
        {
            LogNoticeFailed(logger, entry.Id);
            return;
        }

        // Not queued when the Comms channel cannot be located: the messenger logs that, with the tag naming this entry.
        var tag = new DeliveryTag(TagKind, entry.Id);
        await messenger.PostToCommsChannelAsync(CommsChannel.General, Activity.CreateMessage(Text(entry)), tag, cancellationToken, tag.ToString()).ConfigureAwait(false);
    }

    /// <summary>The notice: ids, kinds, times and status codes only.</summary>
    public static string Text(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var what = entry.Kind switch
        {
            OutboxMessageKind.CreateConversation => "a new channel post or chat",
            OutboxMessageKind.Update => "an update of a card already sent",
            _ => "a message",
        };
        var reference = entry.Correlation ?? entry.IdempotencyKey;
        var about = reference is null ? "" : $" ({reference})";
        return entry.Status == OutboxStatus.InDoubt
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"The bot may not have delivered {what}{about}, queued {entry.EnqueuedAt:yyyy-MM-dd HH:mm} UTC, and will not send it again in case it arrived: please check with whoever it was for. Reason: {entry.FailureReason} Outbox entry {entry.Id}.")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"The bot could not deliver {what}{about}, queued {entry.EnqueuedAt:yyyy-MM-dd HH:mm} UTC, and has stopped trying. Reason: {entry.FailureReason} Outbox entry {entry.Id}.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {EntryId}, itself a failure notice to Comms, failed: not reported again")]
    private static partial void LogNoticeFailed(ILogger logger, string entryId);
}
