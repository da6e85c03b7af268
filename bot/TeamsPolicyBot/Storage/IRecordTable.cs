using Azure;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// A workflow's records in their table: an idempotent submit, reads, and saves conditional on the ETag a record was read
/// with (never last-writer-wins). <see cref="SubmittedRecordTable{T}"/> is the implementation on Table Storage.
/// </summary>
internal interface IRecordTable<T>
    where T : class
{
    /// <summary>Stores a new record; throws <see cref="RequestFailedException"/> (409) if its reference is taken.</summary>
    Task<ETag> CreateAsync(T record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the record built by <paramref name="create"/> unless this <paramref name="submissionId"/> already made one
    /// (Teams retried the invoke, or a second click), in which case that one comes back with Created false and
    /// <paramref name="create"/> may not run. The record and the submission's claim are written in one transaction.
    /// </summary>
    Task<SubmitResult<T>> SubmitAsync(string submissionId, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken = default);

    Task<StoredRecord<T>?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>The record a form submission made, or null if that submission never completed.</summary>
    Task<StoredRecord<T>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored record only if it still has the <paramref name="expected"/> ETag.</summary>
    Task<SaveResult> SaveAsync(T record, ETag expected, CancellationToken cancellationToken = default);
}
