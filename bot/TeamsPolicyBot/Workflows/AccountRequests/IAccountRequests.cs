using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The account request records. Every change is conditional on the ETag it was read with.</summary>
internal interface IAccountRequests
{
    /// <summary>Stores a new request; throws <see cref="RequestFailedException"/> (409) if the reference is taken.</summary>
    Task<ETag> CreateAsync(AccountRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the request built by <paramref name="create"/> unless this <paramref name="submissionId"/>
    /// already produced one, in which case that one is returned and <paramref name="create"/> may not
    /// run. The request row and the submission's claim are written in one transaction, so a crash
    /// leaves either both or neither, and a retry after a crash simply submits again.
    /// <paramref name="create"/> should take its reference from <c>IReferenceNumbers</c>; a lost race
    /// between two identical submissions wastes that number (a gap), never stores two requests.
    /// </summary>
    Task<SubmitResult<AccountRequest>> SubmitAsync(string submissionId, Func<CancellationToken, Task<AccountRequest>> create, CancellationToken cancellationToken = default);

    Task<StoredRecord<AccountRequest>?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>The request a form submission created, or null if that submission never completed.</summary>
    Task<StoredRecord<AccountRequest>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored request only if it still has the <paramref name="expected"/> ETag: never last-writer-wins.</summary>
    Task<SaveResult> SaveAsync(AccountRequest request, ETag expected, CancellationToken cancellationToken = default);
}
