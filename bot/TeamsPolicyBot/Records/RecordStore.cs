using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Records;

/// <summary>A workflow's records: their table, and the one way to change one (<see cref="ApplyAsync"/>).</summary>
internal interface IRecordStore<TRecord, TTransition, TRefusal> : IRecordTable<TRecord>
    where TRecord : class
    where TTransition : ITransitionResult<TRecord, TRefusal>
    where TRefusal : class, IRefusal
{
    /// <summary>One state change, exactly once under concurrent clicks (see <see cref="ChangeOutcome{TRecord, TRefusal}"/>).</summary>
    Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(string reference, Func<TRecord, TTransition> transition, CancellationToken cancellationToken);
}

/// <summary>
/// Every workflow's record store: the table's reads and ETag-conditional saves, and <see cref="ApplyAsync"/> with the
/// same patience for all (a record that keeps changing under us five times running is a fault, not a busy channel).
/// </summary>
internal abstract class RecordStore<TRecord, TTransition, TRefusal>(IRecordTable<TRecord> table, RecordKind kind) : IRecordStore<TRecord, TTransition, TRefusal>
    where TRecord : class
    where TTransition : ITransitionResult<TRecord, TRefusal>
    where TRefusal : class, IRefusal
{
    public const int Attempts = 5;

    public Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(string reference, Func<TRecord, TTransition> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<TRecord, TRefusal>.ApplyAsync(reference, table.GetAsync, table.SaveAsync, record => transition(record), Attempts, Visibility.NotFound(kind), cancellationToken);

    public Task<ETag> CreateAsync(TRecord record, CancellationToken cancellationToken = default) => table.CreateAsync(record, cancellationToken);

    public Task<SubmitResult<TRecord>> SubmitAsync(string submissionId, Func<CancellationToken, Task<TRecord>> create, CancellationToken cancellationToken = default) =>
        table.SubmitAsync(submissionId, create, cancellationToken);

    public Task<StoredRecord<TRecord>?> GetAsync(string reference, CancellationToken cancellationToken = default) => table.GetAsync(reference, cancellationToken);

    public Task<StoredRecord<TRecord>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        table.FindBySubmissionAsync(submissionId, cancellationToken);

    public Task<SaveResult> SaveAsync(TRecord record, ETag expected, CancellationToken cancellationToken = default) => table.SaveAsync(record, expected, cancellationToken);
}
