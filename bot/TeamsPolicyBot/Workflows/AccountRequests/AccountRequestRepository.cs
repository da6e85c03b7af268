using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

internal sealed class AccountRequestRepository(TableStorage storage) : IAccountRequests
{
    private readonly SubmittedRecordTable<AccountRequest> table = new(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout);

    public Task<ETag> CreateAsync(AccountRequest request, CancellationToken cancellationToken = default) => table.CreateAsync(request, cancellationToken);

    public Task<SubmitResult<AccountRequest>> SubmitAsync(string submissionId, Func<CancellationToken, Task<AccountRequest>> create, CancellationToken cancellationToken = default) =>
        table.SubmitAsync(submissionId, create, cancellationToken);

    public Task<StoredRecord<AccountRequest>?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        table.GetAsync(reference, cancellationToken);

    public Task<StoredRecord<AccountRequest>?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        table.FindBySubmissionAsync(submissionId, cancellationToken);

    public Task<SaveResult> SaveAsync(AccountRequest request, ETag expected, CancellationToken cancellationToken = default) =>
        table.SaveAsync(request, expected, cancellationToken);
}
