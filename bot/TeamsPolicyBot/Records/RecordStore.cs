using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Records;

/// <summary>A workflow's records: their table, and the one way to change one (<see cref="ApplyAsync"/>).</summary>
internal interface IRecordStore<TRecord, TRefusal> : IRecordTable<TRecord>
    where TRecord : class
    where TRefusal : class, IRefusal
{
    /// <summary>One state change, exactly once under concurrent clicks (see <see cref="ChangeOutcome{TRecord, TRefusal}"/>).</summary>
    Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(string reference, Func<TRecord, Transition<TRecord, TRefusal>> transition, CancellationToken cancellationToken);

    /// <summary>The same change to a record this turn has just read: tried on that read first, read again only on a conflict.</summary>
    Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(StoredRecord<TRecord> alreadyRead, string reference, Func<TRecord, Transition<TRecord, TRefusal>> transition, CancellationToken cancellationToken);

    /// <summary>
    /// Every place the record is shown (its projections: My requests, the channel card), brought up to date with
    /// <paramref name="record"/>. The first step of every follow-up, so a follow-up that runs again repairs them too.
    /// </summary>
    Task ShowAsync(TRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Every workflow's record store: the table's reads and ETag-conditional saves, <see cref="ApplyAsync"/> with the same
/// patience for all (a record that keeps changing under us five times running is a fault, not a busy channel), and the
/// change pipeline: load, transition or refusal, save with the ETag (<see cref="ApplyAsync"/>), then the use case's follow-up,
/// which starts with the projections (<see cref="ShowAsync"/>) and queues its messages under idempotency keys.
/// </summary>
internal abstract class RecordStore<TRecord, TRefusal>(IRecordTable<TRecord> table, RecordKind kind, IEnumerable<IRecordProjection<TRecord>> projections)
    : IRecordStore<TRecord, TRefusal>
    where TRecord : class
    where TRefusal : class, IRefusal
{
    public const int Attempts = 5;

    public Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(string reference, Func<TRecord, Transition<TRecord, TRefusal>> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<TRecord, TRefusal>.ApplyAsync(reference, table.GetAsync, table.SaveAsync, transition, Attempts, Visibility.NotFound(kind), cancellationToken);

    public Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(StoredRecord<TRecord> alreadyRead, string reference, Func<TRecord, Transition<TRecord, TRefusal>> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<TRecord, TRefusal>.ApplyAsync(reference, table.GetAsync, table.SaveAsync, transition, Attempts, Visibility.NotFound(kind), cancellationToken, alreadyRead);

    // Each projection is its own row or message, so they are brought up to date together.
    public Task ShowAsync(TRecord record, CancellationToken cancellationToken) =>
        Task.WhenAll(projections.Select(projection => projection.ShowAsync(record, cancellationToken)));

    public Task<ETag> CreateAsync(TRecord record, CancellationToken cancellationToken = default) => table.CreateAsync(record, cancellationToken);

    public Task<SubmitResult<TRecord>> SubmitAsync(string submissionId, Func<CancellationToken, Task<TRecord>> create, CancellationToken cancellationToken = default) =>
        table.SubmitAsync(submissionId, create, cancellationToken);

    public Task<StoredRecord<TRecord>?> GetAsync(string reference, CancellationToken cancellationToken = default) => table.GetAsync(reference, cancellationToken);

    public Task<StoredRecord<TRecord>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        table.FindBySubmissionAsync(submissionId, cancellationToken);

    public Task<SaveResult> SaveAsync(TRecord record, ETag expected, CancellationToken cancellationToken = default) => table.SaveAsync(record, expected, cancellationToken);
}
