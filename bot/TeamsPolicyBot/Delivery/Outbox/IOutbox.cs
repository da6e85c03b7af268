using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Outbox;

public enum OutboxStatus
{
    /// <summary>
    /// Waiting to be sent: the first time, or again after the connector refused it for now or was not
    /// reached (the attempt, its error and the time of the next try are on the entry; no claim is held).
    /// </summary>
    Pending,

    /// <summary>Claimed by a worker that is sending it now.</summary>
    Sending,

    Sent,

    /// <summary>Refused for good, or still not delivered when its deadline passed: see <see cref="OutboxEntry.FailureReason"/>. Comms is told.</summary>
    Failed,

    /// <summary>The request went out and no answer came (or the worker died mid-send): Teams may or may not have it. Never resent automatically.</summary>
    InDoubt,
}

/// <summary>
/// An outbox entry as stored: what it is, where it went, and how it ended. Holds no message content.
/// While it waits to be tried again, <see cref="NextAttemptAt"/> and <see cref="LastError"/> say when and why;
/// <see cref="ClaimId"/> is set only while a worker is sending it.
/// </summary>
public sealed record OutboxEntry(
    string Id,
    OutboxMessageKind Kind,
    OutboxStatus Status,
    string ServiceUrl,
    string? ConversationId,
    string? ActivityId,
    string? Correlation,
    int Attempts,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? CompletedAt,
    string? FailureReason,
    string? DeliveredConversationId,
    string? DeliveredActivityId,
    string? IdempotencyKey = null,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null,
    string? ClaimId = null);

/// <summary>
/// The durable way to message users and channels outside a turn: the message is stored first
/// and sent by a background worker that paces, retries, and never sends one entry twice.
/// </summary>
public interface IOutbox
{
    /// <summary>Stores the message for sending and returns the entry's id; it is sent shortly after, by the worker.</summary>
    Task<string> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>The entry's current state, or null for an unknown id.</summary>
    Task<OutboxEntry?> GetAsync(string entryId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where a message went: enough to update or reply to it later. When the entry created a 1:1
/// chat, <paramref name="NewPersonalChat"/> describes it (the member as the entry named them),
/// so the chat can be remembered and the next message goes straight there.
/// </summary>
public sealed record OutboxDelivery(
    string EntryId,
    OutboxMessageKind Kind,
    DeliveryTag? Tag,
    string ServiceUrl,
    string ConversationId,
    string? ActivityId,
    ConversationReference? NewPersonalChat = null);

/// <summary>
/// Told about each successful send, after it is recorded as <see cref="OutboxStatus.Sent"/>.
/// Called at most once per entry: if the process dies in between, the handler is not called; the
/// ids stay on the sent entry, but nothing in the app reads them back yet (a card whose location
/// was lost that way is not updated in place). Exceptions are logged and do not affect the entry.
/// </summary>
public interface IOutboxDeliveryHandler
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the deliveries this handler is told about; null for every delivery.</summary>
    string? Kind { get; }

    Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>
/// Told about each entry recorded <see cref="OutboxStatus.Failed"/> (refused for good, or its deadline
/// passed) or <see cref="OutboxStatus.InDoubt"/> (it may not have reached Teams, and is not sent again
/// in case it did), after it is recorded, so no message is dropped silently. Exceptions are logged.
/// </summary>
public interface IOutboxFailureHandler
{
    Task OnFailedAsync(OutboxEntry entry, CancellationToken cancellationToken);
}
