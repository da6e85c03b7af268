using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>How one workflow's records sit in their table: one partition, a row per record and a row per form submission.</summary>
/// <param name="Partition">The one partition (transactions need the record and its submission claim together).</param>
/// <param name="RecordRowPrefix">"request-", "incident-": the record's row is the prefix and its encoded reference.</param>
internal sealed record SubmittedRecordLayout<T>(
    string Partition,
    string RecordRowPrefix,
    Func<T, string> ReferenceOf,
    Func<T, string, T> WithSubmissionId,
    Func<T, TableEntity> ToEntity,
    Func<TableEntity, T> FromEntity)
    where T : class
{
    /// <summary>
    /// For a record with lists that grow (messages, questions, history): cuts it back to its latest entries before each
    /// save; what it moves out is saved in child rows (<see cref="ChildRows"/>) in the same transaction. Null: never.
    /// </summary>
    public Func<T, RecordSplit<T>>? MoveOldEntries { get; init; }

    /// <summary>The record's row; <see cref="MalformedKeyException"/> for anything that is not a reference.</summary>
    public string RecordRow(string reference) => RecordRowPrefix + TableKey.Encode(KeyFormats.Reference(reference));

    /// <summary>Submission ids are GUIDs from the card; normalised so a case change is the same submission, refused when not a GUID.</summary>
    public static string SubmissionRow(string submissionId) => "submission-" + KeyFormats.CardId(submissionId);
}

/// <summary>
/// The storage every form-made workflow record needs (account requests, incidents): an
/// idempotent submit (the record and its submission's claim in one batch, so a retried invoke
/// finds the first record and a crash leaves both or neither), reads, and ETag-conditional saves.
/// Keys and rows are checked against their expected form and Table Storage's limits before any
/// call (<see cref="KeyFormats"/>, <see cref="TableLimits"/>).
/// </summary>
internal sealed class SubmittedRecordTable<T>(TableClient table, SubmittedRecordLayout<T> layout) : IRecordTable<T>
    where T : class
{
    private const string ReferenceColumn = "Reference";

    public async Task<ETag> CreateAsync(T record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var response = await table.AddEntityAsync(Checked(layout.ToEntity(record)), cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for a new record.");
    }

    public async Task<SubmitResult<T>> SubmitAsync(string submissionId, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var submissionRow = SubmittedRecordLayout<T>.SubmissionRow(submissionId);

        if (await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return new SubmitResult<T>(earlier.Record, earlier.ETag, Created: false);
        }

        var record = layout.WithSubmissionId(await create(cancellationToken).ConfigureAwait(false), submissionId);
        var reference = layout.ReferenceOf(record);
        var claim = new TableEntity(layout.Partition, submissionRow) { [ReferenceColumn] = reference };
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, Checked(layout.ToEntity(record))),
            new(TableTransactionActionType.Add, Checked(claim)),
        ];
        try
        {
            var response = await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            if (response.Value[0].Headers.ETag is { } written)
            {
                return new SubmitResult<T>(record, written, Created: true);
            }

            var stored = await GetAsync(reference, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{reference} vanished right after it was created.");
            return new SubmitResult<T>(stored.Record, stored.ETag, Created: true);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // The same submission won a race with us (Teams retried the invoke while the first
            // attempt was still running): theirs is the record, ours is dropped unwritten.
            var winner = await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return new SubmitResult<T>(winner.Record, winner.ETag, Created: false);
        }
    }

    public async Task<StoredRecord<T>?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(layout.Partition, layout.RecordRow(reference), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? new StoredRecord<T>(layout.FromEntity(found.Value!), found.Value!.ETag) : null;
    }

    public async Task<StoredRecord<T>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken)
    {
        var claim = await table.GetEntityIfExistsAsync<TableEntity>(layout.Partition, SubmittedRecordLayout<T>.SubmissionRow(submissionId), [ReferenceColumn], cancellationToken).ConfigureAwait(false);
        return claim.HasValue
            ? await GetAsync(claim.Value!.GetString(ReferenceColumn), cancellationToken).ConfigureAwait(false)
            : null;
    }

    public async Task<SaveResult> SaveAsync(T record, ETag expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (expected == default || expected == ETag.All)
        {
            throw new ArgumentException("Saving needs the ETag the record was read with; a blind overwrite could undo someone else's decision.", nameof(expected));
        }

        if (layout.MoveOldEntries?.Invoke(record) is { Moved.Count: > 0 } split)
        {
            return await SaveWithChildRowsAsync(split, expected, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await table.UpdateEntityAsync(Checked(layout.ToEntity(record)), expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new SaveResult.Saved(response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for a saved record."));
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return new SaveResult.Conflict();
        }
    }

    private TableEntity Checked(TableEntity entity) => TableLimits.Entity(entity, table.Name);

    /// <summary>The cut-back record (ETag-conditional) and its new child rows in one transaction: both or neither.</summary>
    private async Task<SaveResult> SaveWithChildRowsAsync(RecordSplit<T> split, ETag expected, CancellationToken cancellationToken)
    {
        var recordRow = layout.RecordRow(layout.ReferenceOf(split.Kept));
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.UpdateReplace, Checked(layout.ToEntity(split.Kept)), expected),
            .. split.Moved.Select(moved => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Checked(ChildRows.ToEntity(layout.Partition, recordRow, moved)))),
        ];
        try
        {
            var response = await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            if (response.Value[0].Headers.ETag is { } written)
            {
                return new SaveResult.Saved(written);
            }

            var stored = await table.GetEntityAsync<TableEntity>(layout.Partition, recordRow, [ReferenceColumn], cancellationToken).ConfigureAwait(false);
            return new SaveResult.Saved(stored.Value.ETag);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
        {
            return new SaveResult.Conflict();
        }
    }

    /// <summary>
    /// The records whose plain <c>Status</c> column is one of <paramref name="statuses"/> (all when null; submission and child rows are
    /// not records and are skipped), for the retention sweep; a table holds hundreds of records a year, so a filtered scan
    /// of the one partition once a day is cheap.
    /// </summary>
    public async IAsyncEnumerable<T> WithStatusAsync(IReadOnlyCollection<string>? statuses, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var recordRows = TableFilter.Create($"PartitionKey eq {layout.Partition} and RowKey ge {layout.RecordRowPrefix} and RowKey lt {AfterPrefix(layout.RecordRowPrefix)}");
        await foreach (var row in table.QueryAsync<TableEntity>(recordRows, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!row.RowKey.Contains('.', StringComparison.Ordinal) && (statuses is null || (row.GetString("Status") is { } status && statuses.Contains(status))))
            {
                yield return layout.FromEntity(row);
            }
        }
    }

    /// <summary>
    /// The records created at or after <paramref name="since"/> (their plain <c>CreatedAt</c> column), in one filtered query
    /// of the one partition: the workspace's trends read a year of records, not the table's whole history.
    /// </summary>
    public async IAsyncEnumerable<T> CreatedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var recordRows = TableFilter.Create(
            $"PartitionKey eq {layout.Partition} and RowKey ge {layout.RecordRowPrefix} and RowKey lt {AfterPrefix(layout.RecordRowPrefix)} and CreatedAt ge {since}");
        await foreach (var row in table.QueryAsync<TableEntity>(recordRows, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!row.RowKey.Contains('.', StringComparison.Ordinal))
            {
                yield return layout.FromEntity(row);
            }
        }
    }

    /// <summary>
    /// Deletes the record's rows in this table: its child rows, its submission claim(s), then the record itself last, so a
    /// run cut short leaves the record to be found again. Rows already gone are skipped. Returns how many it deleted.
    /// </summary>
    public async Task<int> DeleteAllRowsAsync(string reference, CancellationToken cancellationToken)
    {
        var recordRow = layout.RecordRow(reference.Trim());
        var children = TableFilter.Create($"PartitionKey eq {layout.Partition} and RowKey ge {recordRow + "."} and RowKey lt {recordRow + "/"}");
        var claims = TableFilter.Create($"PartitionKey eq {layout.Partition} and RowKey ge {"submission-"} and RowKey lt {"submission."} and Reference eq {reference.Trim()}");
        var rows = new List<string>();
        foreach (var filter in new[] { children, claims })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row.RowKey);
            }
        }

        rows.Add(recordRow);
        var deleted = 0;
        foreach (var row in rows)
        {
            deleted += await table.DeleteIfExistsAsync(layout.Partition, row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    /// <summary>The first key after every key starting with <paramref name="prefix"/> (its last character plus one).</summary>
    private static string AfterPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>Every entry moved out of the record's <paramref name="list"/> so far, oldest first (the record holds the rest).</summary>
    public Task<IReadOnlyList<TEntry>> MovedEntriesAsync<TEntry>(string reference, string list, CancellationToken cancellationToken) =>
        ChildRows.ReadAsync<TEntry>(table, layout.Partition, layout.RecordRow(reference.Trim()), list, cancellationToken);

    /// <summary>Every moved-out row of the record (older history, notes, messages), oldest first: for a copy of the record or its erasure.</summary>
    public async Task<IReadOnlyList<TableEntity>> ChildRowsAsync(string reference, CancellationToken cancellationToken)
    {
        var recordRow = layout.RecordRow(reference.Trim());
        var children = TableFilter.Create($"PartitionKey eq {layout.Partition} and RowKey ge {recordRow + "."} and RowKey lt {recordRow + "/"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(children, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Writes a moved-out row back whatever changed in it (erasure rewrites the entries, never their number).</summary>
    public Task RewriteChildRowAsync(TableEntity row, CancellationToken cancellationToken) =>
        table.UpdateEntityAsync(Checked(row), ETag.All, TableUpdateMode.Replace, cancellationToken);
}
