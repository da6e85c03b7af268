using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Records;

/// <summary>
/// Where a workflow's card sits in the Comms channel, so it can be updated in place and replied to:
/// <paramref name="ConversationId"/> is the thread's conversation id, <paramref name="ActivityId"/> the card's message id.
/// </summary>
internal sealed record ChannelCardLocation(string ServiceUrl, string ConversationId, string ActivityId)
{
    /// <summary>Where a new thread the outbox just created landed; null for any other delivery.</summary>
    public static ChannelCardLocation? OfNewThread(OutboxDelivery delivery) =>
        delivery.Kind == OutboxMessageKind.CreateConversation && delivery.ActivityId is { } activityId
            ? new ChannelCardLocation(delivery.ServiceUrl, delivery.ConversationId, activityId)
            : null;

    /// <summary>https://teams.microsoft.com/l/message/{channelId}/{messageId}: the thread, for people outside the channel view.</summary>
    public string ThreadUrl(string channelId) =>
        $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(ActivityId)}";
}
