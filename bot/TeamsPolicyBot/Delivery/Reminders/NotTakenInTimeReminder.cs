using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// The reminder for an urgent record nobody took in time, whatever the workflow: when it fires, the record notes it
/// (once; refused when the record no longer waits), and only if that changed the record are the
/// <see cref="NotTakenInTimeNotices"/> sent. A reminder that runs again after a crash part-way records nothing
/// more, and the notices' idempotency keys make sure nothing is said twice. A workflow says which record, the words
/// and who is told.
/// </summary>
/// <param name="kind">The reminders it is given: one kind per workflow.</param>
internal abstract class NotTakenInTimeReminder<TRecord, TRefusal>(
    ReminderKind kind,
    IRecordStore<TRecord, TRefusal> records,
    NotTakenInTimeNotices notices,
    TimeProvider time) : IReminderHandler
    where TRecord : class
    where TRefusal : class, IRefusal
{
    public ReminderKind Kind => kind;

    public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        var outcome = await records.ApplyAsync(key.Reference, record => RecordNotTakenInTime(record, now), cancellationToken);
        if (outcome.Changed is { } record)
        {
            await notices.SendAsync(key, Words(record, now), cancellationToken);
        }
    }

    /// <summary>The reminder on the record, or a refusal when it was taken (or closed, or withdrawn) in time.</summary>
    protected abstract Transition<TRecord, TRefusal> RecordNotTakenInTime(TRecord record, DateTimeOffset now);

    /// <summary>What is said about the record, and to whom.</summary>
    protected abstract NotTakenInTimeWords Words(TRecord record, DateTimeOffset now);
}
