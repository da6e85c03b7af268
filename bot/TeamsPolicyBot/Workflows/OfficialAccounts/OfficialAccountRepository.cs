using Azure;
using Azure.Data.Tables;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
namespace TeamsPolicyBot.Workflows.OfficialAccounts;

internal sealed class OfficialAccountRepository(TableStorage storage) : IOfficialAccounts
{
    private readonly TableClient table = storage.GetTable(TableNames.OfficialAccounts);

    public async Task<OfficialAccount> AddFromApprovedRequestAsync(AccountRequest request, CancellationToken cancellationToken = default)
    {
        var account = OfficialAccount.FromApprovedRequest(request);
        try
        {
            await table.AddEntityAsync(TableLimits.Entity(ToEntity(account), table.Name), cancellationToken).ConfigureAwait(false);
            return account;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetAsync(account.SourceReference, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The official account for {account.SourceReference} exists but cannot be read.", ex);
        }
    }

    public async Task<OfficialAccount?> GetAsync(string sourceReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceReference);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(sourceReference), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public async Task<IReadOnlyList<OfficialAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OfficialAccountKeys.Partition}");
        var accounts = new List<OfficialAccount>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            accounts.Add(FromEntity(row));
        }

        return accounts;
    }

    /// <summary>Deletes the account's row; false when it was already gone.</summary>
    public Task<bool> DeleteAsync(string sourceReference, CancellationToken cancellationToken = default) =>
        table.DeleteIfExistsAsync(OfficialAccountKeys.Partition, OfficialAccountKeys.Row(sourceReference), cancellationToken);

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
        [nameof(OfficialAccount.ClosedAt)] = account.ClosedAt,
    };

    private static OfficialAccount FromEntity(TableEntity row) => new()
    {
        SourceReference = row.GetString(nameof(OfficialAccount.SourceReference)),
        Platform = Enum.Parse<SocialPlatform>(row.GetString(nameof(OfficialAccount.Platform))),
        PlatformName = row.GetString(nameof(OfficialAccount.PlatformName)),
        Handle = row.GetString(nameof(OfficialAccount.Handle)),
        Url = row.GetString(nameof(OfficialAccount.Url)) is { } url ? new Uri(url, UriKind.Absolute) : null,
        UnitType = Enum.Parse<UnitType>(row.GetString(nameof(OfficialAccount.UnitType))),
        UnitName = row.GetString(nameof(OfficialAccount.UnitName)),
        Administrators = RecordColumns.FromJson<List<Administrator>>(row.GetString(nameof(OfficialAccount.Administrators))) ?? [],
        ApprovedBy = new Actor(row.GetString("ApprovedByAadObjectId"), row.GetString("ApprovedByName")),
        ApprovedAt = row.GetDateTimeOffset(nameof(OfficialAccount.ApprovedAt)) ?? default,
        NextAuditDue = row.GetDateTimeOffset(nameof(OfficialAccount.NextAuditDue)) ?? default,
        // Rows written before accounts could close have no such column: open.
        ClosedAt = row.GetDateTimeOffset(nameof(OfficialAccount.ClosedAt)),
    };
}
