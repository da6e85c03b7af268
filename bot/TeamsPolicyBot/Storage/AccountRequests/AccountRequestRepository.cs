using Azure;
using Azure.Data.Tables;
using TeamsPolicyBot.AccountRequests;

namespace TeamsPolicyBot.Storage.AccountRequests;

internal sealed class AccountRequestRepository(TableStorage storage) : IAccountRequests
{
    private const string ReferenceColumn = "Reference";

    private readonly TableClient table = storage.GetTable(TableNames.AccountRequests);

    public async Task<ETag> CreateAsync(AccountRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await table.AddEntityAsync(AccountRequestRow.ToEntity(request), cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for a new request.");
    }

    public async Task<SubmitResult> SubmitAsync(string submissionId, Func<CancellationToken, Task<AccountRequest>> create, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        ArgumentNullException.ThrowIfNull(create);

        if (await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return new SubmitResult(earlier.Request, earlier.ETag, Created: false);
        }

        var request = await create(cancellationToken).ConfigureAwait(false);
        request = request with { SubmissionId = request.SubmissionId ?? submissionId };
        var claim = new TableEntity(AccountRequestKeys.Partition, AccountRequestKeys.SubmissionRow(submissionId))
        {
            [ReferenceColumn] = request.Reference,
        };
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, AccountRequestRow.ToEntity(request)),
            new(TableTransactionActionType.Add, claim),
        ];
        try
        {
            var response = await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            var etag = response.Value[0].Headers.ETag;
            if (etag is { } written)
            {
                return new SubmitResult(request, written, Created: true);
            }

            var stored = await GetAsync(request.Reference, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{request.Reference} vanished right after it was created.");
            return new SubmitResult(stored.Request, stored.ETag, Created: true);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // The same submission won a race with us (Teams retried the invoke while the first
            // attempt was still running): theirs is the request, ours is dropped unwritten.
            var winner = await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return new SubmitResult(winner.Request, winner.ETag, Created: false);
        }
    }

    public async Task<StoredAccountRequest?> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(AccountRequestKeys.Partition, AccountRequestKeys.RequestRow(reference.Trim()), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? new StoredAccountRequest(AccountRequestRow.FromEntity(found.Value!), found.Value!.ETag) : null;
    }

    public async Task<StoredAccountRequest?> FindBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        var claim = await table.GetEntityIfExistsAsync<TableEntity>(AccountRequestKeys.Partition, AccountRequestKeys.SubmissionRow(submissionId), [ReferenceColumn], cancellationToken).ConfigureAwait(false);
        return claim.HasValue
            ? await GetAsync(claim.Value!.GetString(ReferenceColumn), cancellationToken).ConfigureAwait(false)
            : null;
    }

    public async Task<SaveResult> SaveAsync(AccountRequest request, ETag expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (expected == default || expected == ETag.All)
        {
            throw new ArgumentException("Saving needs the ETag the request was read with; a blind overwrite could undo someone else's decision.", nameof(expected));
        }

        try
        {
            var response = await table.UpdateEntityAsync(AccountRequestRow.ToEntity(request), expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new SaveResult.Saved(response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for a saved request."));
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return new SaveResult.Conflict();
        }
    }
}
