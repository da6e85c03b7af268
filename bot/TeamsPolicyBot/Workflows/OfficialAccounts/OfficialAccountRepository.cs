using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
namespace TeamsPolicyBot.Workflows.OfficialAccounts;

internal sealed class OfficialAccountRepository(TableStorage storage, IOptions<AccountsOptions>? options = null) : IOfficialAccounts
{
    private readonly TableClient table = storage.GetTable(TableNames.OfficialAccounts);
    private readonly AccountsOptions settings = options?.Value ?? new AccountsOptions();

    public async Task<OfficialAccount> AddFromApprovedRequestAsync(AccountRequest request, CancellationToken cancellationToken = default)
    {
        var account = OfficialAccount.FromApprovedRequest(request, settings.AuditInterval);
        try
        {
            await table.AddEntityAsync(TableLimits.Entity(ToEntity(account), table.Name), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            account = await GetAsync(account.SourceReference, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The official account for {account.SourceReference} exists but cannot be read.", ex);
        }

        // After the account, and again on a retried approval: an index row lost to a crash between the two is written then.
        await IndexAsync(account, cancellationToken).ConfigureAwait(false);
        return account;
    }

    public async Task<OfficialAccount?> GetAsync(string sourceReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceReference);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(sourceReference), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public Task<ChangeOutcome<OfficialAccount, AccountRefusal>> ApplyAsync(string sourceReference, Func<OfficialAccount, AccountTransition> transition, CancellationToken cancellationToken = default) =>
        ChangeOutcome<OfficialAccount, AccountRefusal>.ApplyAsync(
            sourceReference, GetStoredAsync, SaveAsync, transition, RecordStore<OfficialAccount, AccountRefusal>.Attempts, Visibility.NotFound(RecordKind.OfficialAccount), cancellationToken);

    private async Task<StoredRecord<OfficialAccount>?> GetStoredAsync(string sourceReference, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(sourceReference), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? new StoredRecord<OfficialAccount>(FromEntity(row), row.ETag) : null;
    }

    private async Task<SaveResult> SaveAsync(OfficialAccount account, ETag expected, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(TableLimits.Entity(ToEntity(account), table.Name), expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new SaveResult.Saved(response.Headers.ETag ?? expected);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return new SaveResult.Conflict();
        }
    }

    public async Task<IReadOnlyList<OfficialAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {OfficialAccountKeys.Partition}");
        var accounts = new List<OfficialAccount>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            accounts.Add(FromEntity(row));
        }

        return accounts;
    }

    public async Task<RegisteredHandle?> FindByHandleAsync(SocialPlatform platform, string platformName, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var row = OfficialAccountKeys.HandleRow(platform, platformName ?? string.Empty, handle);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.HandlePartition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } index
            ? new RegisteredHandle(
                index.GetString(nameof(RegisteredHandle.SourceReference)),
                index.GetString(nameof(RegisteredHandle.PlatformName)),
                index.GetString(nameof(RegisteredHandle.Handle)),
                index.GetString(nameof(RegisteredHandle.UnitName)))
            : null;
    }

    public async Task<int> IndexHandlesAsync(CancellationToken cancellationToken = default)
    {
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableFilter.Create($"PartitionKey eq {OfficialAccountKeys.HandlePartition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            indexed.Add(row.RowKey);
        }

        var written = 0;
        foreach (var account in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // A registration waiting for Comms, or refused, does not take its handle.
            if (account.IsInRegister && indexed.Add(account.HandleKey))
            {
                await IndexAsync(account, cancellationToken).ConfigureAwait(false);
                written++;
            }
        }

        return written;
    }

    public async Task<(OfficialAccount Account, bool Created)> RegisterAsync(string submissionId, Func<CancellationToken, Task<OfficialAccount>> create, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        ArgumentNullException.ThrowIfNull(create);
        var key = OfficialAccountKeys.Row(submissionId);
        var claimed = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.SubmissionPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        string reference;
        OfficialAccount? fresh = null;
        if (claimed.HasValue && claimed.Value is { } row)
        {
            reference = row.GetString(nameof(OfficialAccount.SourceReference));
        }
        else
        {
            // The submission id is claimed first: of two retries, one takes a reference; the other reads it.
            fresh = await create(cancellationToken).ConfigureAwait(false);
            reference = fresh.SourceReference;
            try
            {
                await table.AddEntityAsync(new TableEntity(OfficialAccountKeys.SubmissionPartition, key) { [nameof(OfficialAccount.SourceReference)] = reference }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                fresh = null;
                reference = (await table.GetEntityAsync<TableEntity>(OfficialAccountKeys.SubmissionPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.GetString(nameof(OfficialAccount.SourceReference));
            }
        }

        if (fresh is not null)
        {
            await table.AddEntityAsync(TableLimits.Entity(ToEntity(fresh), table.Name), cancellationToken).ConfigureAwait(false);
            return (fresh, true);
        }

        // A retry: the first attempt's account, or (when it stopped between the claim and the account) the account written now.
        if (await GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return (existing, false);
        }

        var late = await create(cancellationToken).ConfigureAwait(false) with { SourceReference = reference };
        await table.AddEntityAsync(TableLimits.Entity(ToEntity(late), table.Name), cancellationToken).ConfigureAwait(false);
        return (late, true);
    }

    public async Task IndexHandleAsync(OfficialAccount account, string? previousHandleKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await IndexAsync(account, cancellationToken).ConfigureAwait(false);

        // The handle changed (the real one replaced the proposed one): the old index row goes, if it still points here.
        if (previousHandleKey is not null && previousHandleKey != account.HandleKey)
        {
            var old = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.HandlePartition, previousHandleKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (old.HasValue && old.Value!.GetString(nameof(RegisteredHandle.SourceReference)) == account.SourceReference)
            {
                await table.DeleteEntityAsync(OfficialAccountKeys.HandlePartition, previousHandleKey, old.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task IndexAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var index = new TableEntity(OfficialAccountKeys.HandlePartition, account.HandleKey)
        {
            [nameof(RegisteredHandle.SourceReference)] = account.SourceReference,
            [nameof(RegisteredHandle.PlatformName)] = account.PlatformName,
            [nameof(RegisteredHandle.Handle)] = account.Handle,
            [nameof(RegisteredHandle.UnitName)] = account.UnitName,
        };
        await table.UpsertEntityAsync(TableLimits.Entity(index, table.Name), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the account back whatever changed in it (erasure: the same account with its administrators' names replaced).</summary>
    public Task ReplaceAsync(OfficialAccount account, CancellationToken cancellationToken = default) =>
        table.UpdateEntityAsync(TableLimits.Entity(ToEntity(account), table.Name), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deletes the account's row and its handle index row (retention); false when the account was already gone.</summary>
    public async Task<bool> DeleteAsync(string sourceReference, CancellationToken cancellationToken = default)
    {
        var account = await GetAsync(sourceReference, cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            // Only an account in the register owns its handle's index row; a refused registration's handle may be someone else's.
            if (await FindByHandleAsync(account.Platform, account.PlatformName, account.Handle, cancellationToken).ConfigureAwait(false) is { } owner && owner.SourceReference == account.SourceReference)
            {
                await table.DeleteIfExistsAsync(OfficialAccountKeys.HandlePartition, account.HandleKey, cancellationToken).ConfigureAwait(false);
            }

            if (account.SubmissionId is { } submissionId)
            {
                await table.DeleteIfExistsAsync(OfficialAccountKeys.SubmissionPartition, OfficialAccountKeys.Row(submissionId), cancellationToken).ConfigureAwait(false);
            }
        }

        return await table.DeleteIfExistsAsync(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(sourceReference), cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(OfficialAccount account) => new(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(account.SourceReference))
    {
        [nameof(OfficialAccount.SourceReference)] = account.SourceReference,
        [nameof(OfficialAccount.Platform)] = account.Platform.ToString(),
        [nameof(OfficialAccount.PlatformName)] = account.PlatformName,
        [nameof(OfficialAccount.Handle)] = account.Handle,
        [nameof(OfficialAccount.Url)] = account.Url?.OriginalString,
        [nameof(OfficialAccount.UnitType)] = account.UnitType.ToString(),
        [nameof(OfficialAccount.UnitName)] = account.UnitName,
        [nameof(OfficialAccount.Administrators)] = RecordColumns.ToJson(account.Administrators),
        ["ApprovedByAadObjectId"] = account.ApprovedBy.AadObjectId,
        ["ApprovedByName"] = account.ApprovedBy.Name,
        [nameof(OfficialAccount.ApprovedAt)] = account.ApprovedAt,
        [nameof(OfficialAccount.NextAuditDue)] = account.NextAuditDue,
        [nameof(OfficialAccount.Status)] = account.Status.ToString(),
        [nameof(OfficialAccount.History)] = RecordColumns.ToJson(account.History),
        [nameof(OfficialAccount.AuditRound)] = account.AuditRound,
        [nameof(OfficialAccount.Audit)] = account.Audit is null ? null : RecordColumns.ToJson(account.Audit),
        [nameof(OfficialAccount.ClosingReason)] = account.ClosingReason,
        [nameof(OfficialAccount.ClosedAt)] = account.ClosedAt,
        [nameof(OfficialAccount.Invitations)] = account.Invitations.Count == 0 ? null : RecordColumns.ToJson(account.Invitations),
        ["RegisteredByAadObjectId"] = account.RegisteredBy?.AadObjectId,
        ["RegisteredByName"] = account.RegisteredBy?.Name,
        [nameof(OfficialAccount.SubmissionId)] = account.SubmissionId,
        [nameof(OfficialAccount.NotOfficialReason)] = account.NotOfficialReason,
    };

    private static OfficialAccount FromEntity(TableEntity row)
    {
        var sourceReference = row.GetString(nameof(OfficialAccount.SourceReference));
        var approvedBy = new Actor(row.GetString("ApprovedByAadObjectId"), row.GetString("ApprovedByName"));
        var approvedAt = row.GetDateTimeOffset(nameof(OfficialAccount.ApprovedAt)) ?? default;
        return new()
        {
            SourceReference = sourceReference,
            Platform = Enum.Parse<SocialPlatform>(row.GetString(nameof(OfficialAccount.Platform))),
            PlatformName = row.GetString(nameof(OfficialAccount.PlatformName)),
            Handle = row.GetString(nameof(OfficialAccount.Handle)),
            Url = row.GetString(nameof(OfficialAccount.Url)) is { } url ? new Uri(url, UriKind.Absolute) : null,
            UnitType = Enum.Parse<UnitType>(row.GetString(nameof(OfficialAccount.UnitType))),
            UnitName = row.GetString(nameof(OfficialAccount.UnitName)),
            Administrators = RecordColumns.FromJson<List<Administrator>>(row.GetString(nameof(OfficialAccount.Administrators))) ?? [],
            ApprovedBy = approvedBy,
            ApprovedAt = approvedAt,
            NextAuditDue = row.GetDateTimeOffset(nameof(OfficialAccount.NextAuditDue)) ?? default,

            // Rows written before the register had a status or a history: active, added when approved.
            Status = OfficialAccountStatuses.Parse(row.GetString(nameof(OfficialAccount.Status))) ?? OfficialAccountStatus.Active,
            History = RecordColumns.FromJson<List<AuditEntry>>(row.GetString(nameof(OfficialAccount.History)))
                ?? [OfficialAccount.Added(sourceReference, approvedBy, approvedAt)],

            // Rows written before the yearly audit: none started yet, not closing.
            AuditRound = row.GetInt32(nameof(OfficialAccount.AuditRound)) ?? 0,
            Audit = row.GetString(nameof(OfficialAccount.Audit)) is { } audit ? RecordColumns.FromJson<AccountAudit>(audit) : null,
            ClosingReason = row.GetString(nameof(OfficialAccount.ClosingReason)),
            ClosedAt = row.GetDateTimeOffset(nameof(OfficialAccount.ClosedAt)),

            // Rows written before administrators were invited: every administrator listed has accepted, nobody is waiting.
            Invitations = RecordColumns.FromJson<List<AdministratorInvitation>>(row.GetString(nameof(OfficialAccount.Invitations))) ?? [],

            // Rows written before existing accounts could be registered came from approved requests: none of these.
            RegisteredBy = row.GetString("RegisteredByAadObjectId") is { } registrantId ? new Actor(registrantId, row.GetString("RegisteredByName") ?? string.Empty) : null,
            SubmissionId = row.GetString(nameof(OfficialAccount.SubmissionId)),
            NotOfficialReason = row.GetString(nameof(OfficialAccount.NotOfficialReason)),
        };
    }
}
