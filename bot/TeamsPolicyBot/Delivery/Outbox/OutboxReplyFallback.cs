using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// A turn's reply that the connector refused for now or never received goes into the outbox, which
/// delivers it with its usual retries, instead of failing the turn or being lost.
/// </summary>
internal sealed partial class OutboxReplyFallback(IOutbox outbox, ILogger<OutboxReplyFallback> logger) : IReplyFallback
{
    public async Task<string> QueueSendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var id = await outbox.EnqueueAsync(OutboxMessage.Send(serviceUrl, conversationId, activity), cancellationToken).ConfigureAwait(false);
        LogQueued(logger, OutboxMessageKind.Send, id);
        return id;
    }

    public async Task<string> QueueUpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var id = await outbox.EnqueueAsync(OutboxMessage.Update(serviceUrl, conversationId, activityId, activity), cancellationToken).ConfigureAwait(false);
        LogQueued(logger, OutboxMessageKind.Update, id);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A turn's {Kind} was not taken by the connector; queued as outbox entry {EntryId}")]
    private static partial void LogQueued(ILogger logger, OutboxMessageKind kind, string entryId);
}
