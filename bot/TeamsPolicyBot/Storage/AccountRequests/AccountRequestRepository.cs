using Azure;
using TeamsPolicyBot.AccountRequests;

namespace TeamsPolicyBot.Storage.AccountRequests;

internal sealed class AccountRequestRepository(TableStorage storage) : IAccountRequests
{
    private readonly SubmittedRecordTable<AccountRequest> table = new(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout);

    public Task<ETag> CreateAsync(AccountRequest request, CancellationToken cancellationToken = default) => table.CreateAsync(request, cancellationToken);

    public async Task<SubmitResult> SubmitAsync(string submissionId, Func<CancellationToken, Task<AccountRequest>> create, CancellationToken cancellationToken = default)
    {
        var result = await table.SubmitAsync(submissionId, create, cancellationToken).ConfigureAwait(false);
        return new SubmitResult(result.Record, result.ETag, result.Created);
    }

    public async Task<StoredAccountRequest?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        Stored(await table.GetAsync(reference, cancellationToken).ConfigureAwait(false));

    public async Task<StoredAccountRequest?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        Stored(await table.FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false));

    public Task<SaveResult> SaveAsync(AccountRequest request, ETag expected, CancellationToken cancellationToken = default) =>
        table.SaveAsync(request, expected, cancellationToken);

    private static StoredAccountRequest? Stored(StoredRecord<AccountRequest>? stored) =>
        stored is null ? null : new StoredAccountRequest(stored.Record, stored.ETag);
}
