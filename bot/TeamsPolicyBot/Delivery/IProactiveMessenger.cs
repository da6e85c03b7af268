using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// Messages people and the Comms channel outside a turn, in the workflows' terms (a person's
/// Entra object id, "the Comms channel"), through the durable outbox. Workflows never see
/// connector URLs beyond the serviceUrl they pass along. Every method takes an optional
/// idempotency key: a step that may run again (a retried click, a repair) queues nothing twice.
/// </summary>
internal interface IProactiveMessenger
{
    /// <summary>
    /// Queues a message to the person's personal chat with the bot. If there is none yet, their
    /// Teams id is looked up (stored from an earlier look-up, else in the Comms team roster, within
    /// <c>Comms:RosterLookupTimeout</c>) and a new 1:1 chat is queued with the message; once
    /// created it is remembered. When neither works nothing is queued and the result says why
    /// (logged with ids only): the caller decides who to tell instead.
    /// </summary>
    Task<PersonReach> SendToPersonAsync(string aadObjectId, Activity activity, string? correlation, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>Queues a new thread in the Comms channel; the delivery handler for <paramref name="correlation"/> learns where it went.</summary>
    Task PostToCommsChannelAsync(string serviceUrl, string? tenantId, Activity activity, string correlation, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>
    /// Queues a reply in a channel thread the bot started: <paramref name="threadConversationId"/> is the thread's
    /// conversation id ("19:...@thread.tacv2;messageid=..."), as the channel post's delivery reported it.
    /// </summary>
    Task ReplyInThreadAsync(string serviceUrl, string threadConversationId, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>Queues a replacement of a message the bot sent earlier (what everyone in the conversation sees).</summary>
    Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null);
}
