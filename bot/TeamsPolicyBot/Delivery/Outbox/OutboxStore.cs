using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// The outbox table. Every change of an entry's state goes through <see cref="TransitionAsync"/>:
/// one batch that replaces the entry only if its ETag is unchanged and moves its due row, so
/// two workers can never both win the same transition. See <see cref="OutboxKeys"/> for the layout.
/// </summary>
internal sealed class OutboxStore(TableStorage storage, TimeProvider time, OutboxSignal? signal = null) : IOutbox
{
    private readonly TableClient table = storage.GetTable(TableNames.Outbox);
    private long lastEnqueueTicks;

    public async Task<string> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var id = NewId(now);
        var record = OutboxRecord.Create(id, message, now) with { DueRowKey = OutboxKeys.DueRowKey(now, id) };
        var batch = new List<TableTransactionAction>(3)
        {
            new(TableTransactionActionType.Add, record.ToEntity()),
            new(TableTransactionActionType.Add, DueRow(record.DueRowKey, record, isLease: false)),
        };
        if (message.IdempotencyKey is { } key)
        {
            batch.Add(new(TableTransactionActionType.Add, new TableEntity(OutboxKeys.Partition, OutboxKeys.IdempotencyRowKey(key)) { ["EntryId"] = id }));
        }

        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && message.IdempotencyKey is { } existingKey)
        {
            // Queued before under this key: the whole batch was refused, so nothing new was added.
            var first = await table.GetEntityAsync<TableEntity>(OutboxKeys.Partition, OutboxKeys.IdempotencyRowKey(existingKey), cancellationToken: cancellationToken).ConfigureAwait(false);
            return first.Value.GetString("EntryId");
        }

        signal?.Notify();
        return id;
    }

    public async Task<OutboxEntry?> GetAsync(string entryId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(entryId, cancellationToken).ConfigureAwait(false))?.ToEntry();

    public async Task<OutboxRecord?> LoadAsync(string entryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entryId);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(OutboxKeys.Partition, OutboxKeys.EntryRowKey(entryId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? OutboxRecord.FromEntity(found.Value!) : null;
    }

    /// <summary>Due rows at or before <paramref name="now"/>, oldest first.</summary>
    public async IAsyncEnumerable<OutboxDueRow> ReadDueAsync(DateTimeOffset now, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {OutboxKeys.Partition} and RowKey ge {OutboxKeys.DueRangeStart} and RowKey lt {OutboxKeys.DueRangeEnd(now)}");
        var read = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new OutboxDueRow(row.RowKey, row.GetString("EntryId"), row.GetString("PacingKey"), row.GetBoolean("IsLease") ?? false, row.ETag);
            if (++read >= limit)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> over <paramref name="current"/> if nobody changed the entry
    /// since it was read, and in the same batch replaces its due row by one at <paramref name="dueAt"/>
    /// (or by none). Null means someone else got there first.
    /// </summary>
    public async Task<OutboxRecord?> TransitionAsync(OutboxRecord current, OutboxRecord next, DateTimeOffset? dueAt, bool dueIsLease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        next = next with { DueRowKey = dueAt is { } at ? OutboxKeys.DueRowKey(at, next.Id) : null };
        if (next.IsFinished)
        {
            // Never sent again: what it said (cards with names and typed text) goes; only the bookkeeping stays.
            next = next with { PayloadJson = string.Empty };
        }

        var batch = new List<TableTransactionAction>(3)
        {
            new(TableTransactionActionType.UpdateReplace, next.ToEntity(), current.ETag),
        };
        if (current.DueRowKey is not null && current.DueRowKey != next.DueRowKey)
        {
            batch.Add(new(TableTransactionActionType.Delete, new TableEntity(OutboxKeys.Partition, current.DueRowKey), ETag.All));
        }

        if (next.DueRowKey is not null && current.DueRowKey != next.DueRowKey)
        {
            batch.Add(new(TableTransactionActionType.Add, DueRow(next.DueRowKey, next, dueIsLease)));
        }

        try
        {
            var response = await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            var etag = response.Value[0].Headers.ETag;
            return etag is { } written
                ? next with { ETag = written }
                : await LoadAsync(next.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Due rows with the same time sort by id, so ids must grow: messages a workflow enqueues one
    /// after another for a conversation then go out in that order even when the clock has not
    /// moved between them (coarse clocks; a fake clock in tests). A strictly increasing tick
    /// count per instance, plus random digits so two instances never make the same id.
    /// </summary>
    private string NewId(DateTimeOffset now)
    {
        while (true)
        {
            var last = Interlocked.Read(ref lastEnqueueTicks);
            var next = Math.Max(now.UtcTicks, last + 1);
            if (Interlocked.CompareExchange(ref lastEnqueueTicks, next, last) == last)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{next:x16}{Guid.NewGuid():N}")[..28];
            }
        }
    }

    /// <summary>Removes a due row that points at nothing live (it lost a race, or its entry is gone).</summary>
    public async Task DeleteDueRowAsync(OutboxDueRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            await table.DeleteEntityAsync(OutboxKeys.Partition, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Someone else already tidied it.
        }
    }

    /// <summary>
    /// Deletes entries that finished (sent, failed, in doubt) before <paramref name="cutoff"/>, with their idempotency and
    /// due rows (the entry last, so a sweep cut short finds it again); returns how many entries. Finished entries hold no
    /// content already; this removes the ids and times too. A message queued again under a deleted idempotency key would
    /// be sent again, but every key names a step of a record that happened long before.
    /// </summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {OutboxKeys.Partition} and RowKey ge {OutboxKeys.EntryRangeStart} and RowKey lt {OutboxKeys.EntryRangeEnd} and CompletedAt lt {cutoff}");
        var finished = new List<OutboxRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (OutboxRecord.FromEntity(row) is { IsFinished: true } record)
            {
                finished.Add(record);
            }
        }

        foreach (var record in finished)
        {
            string?[] rows = [record.IdempotencyKey is { } key ? OutboxKeys.IdempotencyRowKey(key) : null, record.DueRowKey, OutboxKeys.EntryRowKey(record.Id)];
            foreach (var row in rows.OfType<string>())
            {
                await table.DeleteIfExistsAsync(OutboxKeys.Partition, row, cancellationToken).ConfigureAwait(false);
            }
        }

        return finished.Count;
    }

    private static TableEntity DueRow(string rowKey, OutboxRecord record, bool isLease) => new(OutboxKeys.Partition, rowKey)
    {
        ["EntryId"] = record.Id,
        ["PacingKey"] = record.PacingKey,
        ["IsLease"] = isLease,
    };
}
