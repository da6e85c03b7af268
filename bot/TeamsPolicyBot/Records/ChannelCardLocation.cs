namespace TeamsPolicyBot.Records;

/// <summary>
/// Where a workflow's card sits in the Comms channel, so it can be updated in place and replied to:
/// <paramref name="ConversationId"/> is the thread's conversation id, <paramref name="ActivityId"/> the card's message id.
/// </summary>
internal sealed record ChannelCardLocation(string ServiceUrl, string ConversationId, string ActivityId);
