using System.Runtime.CompilerServices;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Records;

/// <summary>
/// The retention schedule for a form-made record kind (<see cref="SubmittedRecordTable{T}"/>): which records ended before a
/// cutoff, read from the plain <c>Status</c> column and the record's own end date, and every row of one record: its
/// child rows and submission claim, its My requests entry (<paramref name="entryOf"/>, the same projection the workflow
/// registers), its reminders (<paramref name="reminders"/>: null for a kind that has none), and the record last. Each workflow says when its records end and what they point to.
/// </summary>
internal abstract class SubmittedRecordRetention<T>(SubmittedRecordTable<T> table, IMyRequests myRequests, IReminders? reminders, Func<T, MyRequestItem> entryOf)
    : IRetentionParticipant
    where T : class
{
    public abstract string Kind { get; }

    public abstract TimeSpan PeriodOf(RetentionOptions options);

    /// <summary>The statuses a record of this kind ends in (closed, resolved...): the only ones ever deleted.</summary>
    protected abstract IReadOnlyCollection<string> EndedStatuses { get; }

    /// <summary>When the record ended; null when it has not (it is then never deleted).</summary>
    protected abstract DateTimeOffset? EndedAt(T record);

    protected abstract MessageLocation? ChannelCardOf(T record);

    /// <summary>Everyone the record names, by Entra object id.</summary>
    protected abstract IEnumerable<string?> PeopleIn(T record);

    /// <summary>The reminders keyed to the record (scheduled or not: deleting a row that is not there is harmless); a kind with any passes the reminders in.</summary>
    protected virtual IEnumerable<ReminderKey> RemindersOf(T record) => [];

    public async IAsyncEnumerable<EndedRecord> EndedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in table.WithStatusAsync(EndedStatuses, cancellationToken).ConfigureAwait(false))
        {
            if (EndedAt(record) is { } ended && ended < cutoff)
            {
                yield return new EndedRecord(entryOf(record).Reference, ChannelCardOf(record));
            }
        }
    }

    /// <summary>Where the record's Comms channel card is, or null (no card, or no such record).</summary>
    public async Task<MessageLocation?> ChannelCardAsync(string reference, CancellationToken cancellationToken) =>
        await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { Record: var record } ? ChannelCardOf(record) : null;

    public async Task<int> DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if (await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { Record: var record })
        {
            var entry = entryOf(record);
            deleted += await myRequests.RemoveAsync(entry.RequesterAadObjectId, entry.CreatedAt, entry.Reference, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            foreach (var key in reminders is null ? [] : RemindersOf(record))
            {
                deleted += await reminders!.DeleteAsync(key, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return deleted + await table.DeleteAllRowsAsync(reference, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> PeopleAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in table.WithStatusAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var person in PeopleIn(record).OfType<string>())
            {
                yield return person;
            }
        }
    }
}
