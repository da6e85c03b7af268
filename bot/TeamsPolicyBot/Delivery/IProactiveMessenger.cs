using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// Messages people and the Comms channel outside a turn, in the workflows' terms (a person's
/// Entra object id, "the Comms channel", a <see cref="MessageLocation"/> handed back), through the
/// durable outbox: workflows never see a connector URL, tenant or conversation id. A
/// <see cref="DeliveryTag"/> names what a message is about, so its delivery handler learns where it
/// landed. Every method takes an optional idempotency key: a step that may run again (a retried
/// click, a repair) queues nothing twice.
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
    Task<PersonReach> SendToPersonAsync(string aadObjectId, Activity activity, DeliveryTag? tag, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>
    /// Queues a new thread in <paramref name="channel"/> (<see cref="CommsChannels"/> says which id); the delivery handler for <paramref name="tag"/> learns where it went.
    /// The connector endpoint is the current turn's (<see cref="TurnOrigin"/>), else the Comms team's as last seen or
    /// configured (<see cref="CommsTeamLocator"/>). False, with nothing queued, when neither is known (logged).
    /// </summary>
    Task<bool> PostToCommsChannelAsync(CommsChannel channel, Activity activity, DeliveryTag tag, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>Queues a reply in a channel thread the bot started (the location its channel post's delivery reported).</summary>
    Task ReplyInThreadAsync(MessageLocation thread, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null);

    /// <summary>Queues a replacement of a message the bot sent earlier (what everyone in the conversation sees).</summary>
    Task UpdateAsync(MessageLocation message, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null);
}
