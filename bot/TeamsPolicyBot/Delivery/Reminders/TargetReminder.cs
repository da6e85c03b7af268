using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>A record still waiting when its target reminder fires: what it is called, where its channel card is, and since when it waits.</summary>
internal sealed record WaitingRecord(string Reference, MessageLocation? Thread, DateTimeOffset Since);

/// <summary>
/// The reminder for a normal (not urgent) item about to miss the team's own target (<c>Targets:*</c>): when the
/// workspace queue starts to show it as near its target, its Comms channel thread gets one reply, "INC-2026-0007 has
/// waited 19 hours; the team's target is to take it within 1 day." The record is read again when it fires: taken,
/// decided, closed or urgent, nothing is said. Nothing is recorded on it either: the reminder's key fires once, and a
/// handler that runs again after a crash queues the reply under the same idempotency key. A workflow says which record
/// and whether it still waits; the words are the same for all, a reference and times only (a support referral's thread
/// must never carry more).
/// </summary>
internal abstract class TargetReminder<TRecord>(
    ReminderKind kind,
    IRecordTable<TRecord> records,
    IProactiveMessenger messenger,
    TimeProvider time) : IReminderHandler
    where TRecord : class
{
    /// <summary>The share of the target after which the reminder fires: where the queue marks an item near its target.</summary>
    public const double RemindAtShare = 1 - WaitingTime.NearShare;

    public ReminderKind Kind => kind;

    /// <summary>When the reminder for an item waiting since <paramref name="since"/> with <paramref name="within"/> to go is due.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset since, TimeSpan within) => since + (within * RemindAtShare);

    public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (await records.GetAsync(ReferenceOf(key), cancellationToken) is not { Record: var record } ||
            StillWaiting(record, key) is not { Thread: { } thread } waiting)
        {
            // A card not delivered yet has no thread to reply in: the item is already on the queue, marked near.
            return;
        }

        var waited = WaitingTime.Words(time.GetUtcNow() - waiting.Since);
        var text = $"{waiting.Reference} has waited {waited}; the team's target is to {Target} within {WaitingTime.Words(Within)}.";
        await messenger.ReplyInThreadAsync(thread, Activity.CreateMessage(text), cancellationToken, $"{key}/thread");
    }

    /// <summary>The record's reference in the key; a workflow whose keys carry more (a version) says how to read it.</summary>
    protected virtual string ReferenceOf(ReminderKey key) => key.Reference;

    /// <summary>The record as it waits for this reminder, or null when it no longer does (or never did: urgent).</summary>
    protected abstract WaitingRecord? StillWaiting(TRecord record, ReminderKey key);

    /// <summary>What the team aims to do in time: "take it", "decide it".</summary>
    protected abstract string Target { get; }

    /// <summary>The target (<c>Targets:*</c>).</summary>
    protected abstract TimeSpan Within { get; }
}
