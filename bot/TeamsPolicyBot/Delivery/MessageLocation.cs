using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// Where a message the bot sent sits, so it can be replaced in place or replied to: a workflow keeps it on its record
/// and hands it back to <see cref="IProactiveMessenger"/> without looking inside. <paramref name="ConversationId"/> is the
/// conversation (for a channel post, the thread's), <paramref name="ActivityId"/> the message's id.
/// </summary>
internal sealed record MessageLocation(string ServiceUrl, string ConversationId, string ActivityId)
{
    /// <summary>Where a new thread the outbox just created landed; null for any other delivery.</summary>
    public static MessageLocation? OfNewThread(OutboxDelivery delivery) =>
        delivery.Kind == OutboxMessageKind.CreateConversation ? Of(delivery) : null;

    /// <summary>Where a delivered message landed; null when the connector did not say.</summary>
    public static MessageLocation? Of(OutboxDelivery delivery) =>
        delivery.ActivityId is { } activityId ? new MessageLocation(delivery.ServiceUrl, delivery.ConversationId, activityId) : null;

    /// <summary>https://teams.microsoft.com/l/message/{channelId}/{messageId}: the thread, for people outside the channel view.</summary>
    public string ThreadUrl(string channelId) =>
        $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(ActivityId)}";
}
