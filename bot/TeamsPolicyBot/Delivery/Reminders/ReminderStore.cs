using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// The reminders table: one partition, one row per key (<see cref="TableKey"/>-encoded). The due
/// query filters the partition, fired and cancelled rows included (they are kept until the retention
/// sweep deletes them, 30 days after they finished): reminders are few (one per urgent record), so a scan stays cheap for years and keeps every
/// state change a single ETag-conditional write on a single row. Past that, add a due index like the outbox's.
/// </summary>
internal sealed class ReminderStore(TableStorage storage, TimeProvider time)
{
    public const string Partition = "reminder";

    private readonly TableClient table = storage.GetTable(TableNames.Reminders);

    /// <summary>Inserts the reminder; false when the key already has a row (scheduled, fired or cancelled), which is left as it is.</summary>
    public Task<bool> TryAddAsync(string key, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        TryAddAsync(NewRecord(key, ReminderStatus.Scheduled, dueAt), cancellationToken);

    /// <summary>Inserts a cancelled row for a key never scheduled, so a late schedule of it does nothing.</summary>
    public Task<bool> TryAddCancelledAsync(string key, CancellationToken cancellationToken)
    {
        var record = NewRecord(key, ReminderStatus.Cancelled, time.GetUtcNow());
        record.CompletedAt = record.ScheduledAt;
        return TryAddAsync(record, cancellationToken);
    }

    public async Task<ReminderRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKey.Encode(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ReminderRecord.FromTableEntity(found.Value!) : null;
    }

    /// <summary>Scheduled reminders that are due and claims that have run out, in key order (the partition's row order).</summary>
    public async IAsyncEnumerable<ReminderRecord> ReadDueAsync(DateTimeOffset now, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scheduled = nameof(ReminderStatus.Scheduled);
        var firing = nameof(ReminderStatus.Firing);
        var filter = TableFilter.Create($"PartitionKey eq {Partition} and NextAttemptAt le {now} and (Status eq {scheduled} or Status eq {firing})");
        var read = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ReminderRecord.FromTableEntity(row);
            if (++read >= limit)
            {
                yield break;
            }
        }
    }

    /// <summary>Replaces the row if nobody changed it since <paramref name="record"/> was read; returns it with its new ETag, or null.</summary>
    public async Task<ReminderRecord?> TryReplaceAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(TableLimits.Entity(record.ToTableEntity(), table.Name), record.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            record.ETag = response.Headers.ETag ?? record.ETag;
            return record;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        table.DeleteIfExistsAsync(Partition, TableKey.Encode(key), cancellationToken);

    /// <summary>
    /// Deletes reminders that finished (fired, cancelled or given up on) before <paramref name="cutoff"/>; returns how many.
    /// A deleted key could be scheduled again, but every reminder is scheduled when its record is made, long before.
    /// </summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var (fired, cancelled, failed) = (nameof(ReminderStatus.Fired), nameof(ReminderStatus.Cancelled), nameof(ReminderStatus.Failed));
        var filter = TableFilter.Create($"PartitionKey eq {Partition} and CompletedAt lt {cutoff} and (Status eq {fired} or Status eq {cancelled} or Status eq {failed})");
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row.RowKey);
        }

        var deleted = 0;
        foreach (var row in rows)
        {
            deleted += await table.DeleteIfExistsAsync(Partition, row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    private ReminderRecord NewRecord(string key, ReminderStatus state, DateTimeOffset dueAt) => new()
    {
        PartitionKey = Partition,
        RowKey = TableKey.Encode(key),
        Key = key,
        State = state,
        DueAt = dueAt,
        NextAttemptAt = dueAt,
        ScheduledAt = time.GetUtcNow(),
    };

    private async Task<bool> TryAddAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(TableLimits.Entity(record.ToTableEntity(), table.Name), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
