using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

/// <summary>
/// Takes over a message a turn sends that the connector certainly did not take (refused for now, or
/// never reached: see <see cref="Connector.ConnectorResult{T}.IsSafeToRetry"/>), so it is delivered
/// later instead of being lost or failing the turn. The app implements it with its durable outbox;
/// without one, the failed result is simply returned.
/// </summary>
public interface IReplyFallback
{
    /// <summary>Queues <paramref name="activity"/> for the conversation; returns the queue's id for it.</summary>
    Task<string> QueueSendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Queues the replacement of <paramref name="activityId"/>; returns the queue's id for it.</summary>
    Task<string> QueueUpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);
}
