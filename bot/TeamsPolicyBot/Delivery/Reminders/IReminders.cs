namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// Durable one-shot timers. A reminder is stored in Table Storage, survives restarts, and when
/// due is handed to the <see cref="IReminderHandler"/>s of its kind by exactly one bot instance.
/// A key is one-shot for good: once a key has fired or been cancelled it cannot be scheduled
/// again, so use a fresh key (e.g. with a counter) for a second reminder about the same thing.
/// </summary>
public interface IReminders
{
    /// <summary>
    /// Schedules the reminder <paramref name="key"/> (stored as "incident/INC-2026-0007/acknowledge") for
    /// <paramref name="dueAt"/>. Idempotent: true when this call scheduled it; false when the key
    /// already exists (scheduled, fired or cancelled) and nothing changed, which makes a retried turn harmless.
    /// </summary>
    Task<bool> ScheduleAsync(ReminderKey key, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure the reminder never fires. True when it will not fire (it was pending, already
    /// cancelled, or not scheduled yet: a later schedule of the key then does nothing); false when it is
    /// too late (already fired, firing now, or given up on).
    /// </summary>
    Task<bool> CancelAsync(ReminderKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the reminder's row whatever its state, for the retention sweep once the record it is about is deleted (its
    /// one-shot guard is then no longer needed). False when there was none.
    /// </summary>
    Task<bool> DeleteAsync(ReminderKey key, CancellationToken cancellationToken = default);
}

/// <summary>
/// Told when a reminder of its <see cref="Kind"/> is due. Throwing makes the reminder be retried later (bounded by
/// <c>Reminders:MaxAttempts</c>), for every handler of the kind, so handlers must be idempotent; after they all
/// return, the reminder is recorded as fired and never handed out again.
/// </summary>
public interface IReminderHandler
{
    /// <summary>The kind of reminder this handler is given; it is given no other.</summary>
    ReminderKind Kind { get; }

    Task HandleAsync(ReminderKey key, CancellationToken cancellationToken);
}
