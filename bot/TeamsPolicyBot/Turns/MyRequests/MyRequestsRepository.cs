using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Turns.MyRequests;

internal sealed class MyRequestsRepository(TableStorage storage) : IMyRequests
{
    private readonly TableClient table = storage.GetTable(TableNames.MyRequests);

    public async Task UpsertAsync(MyRequestItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.RequesterAadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Reference);
        var entity = new TableEntity(MyRequestKeys.Partition(item.RequesterAadObjectId), MyRequestKeys.Row(item.CreatedAt, item.Reference))
        {
            [nameof(MyRequestItem.RequesterAadObjectId)] = item.RequesterAadObjectId,
            [nameof(MyRequestItem.Reference)] = item.Reference,
            [nameof(MyRequestItem.Kind)] = item.Kind,
            [nameof(MyRequestItem.Title)] = item.Title,
            [nameof(MyRequestItem.Status)] = item.Status,
            [nameof(MyRequestItem.CreatedAt)] = item.CreatedAt,
            [nameof(MyRequestItem.UpdatedAt)] = item.UpdatedAt,
        };
        await table.UpsertEntityAsync(TableLimits.Entity(entity, table.Name), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(string requesterAadObjectId, DateTimeOffset createdAt, string reference, CancellationToken cancellationToken = default) =>
        table.DeleteIfExistsAsync(MyRequestKeys.Partition(requesterAadObjectId), MyRequestKeys.Row(createdAt, reference), cancellationToken);

    public async Task<IReadOnlyList<MyRequestItem>> ListAsync(string requesterAadObjectId, int max = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requesterAadObjectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (!KeyFormats.IsObjectId(requesterAadObjectId))
        {
            return [];
        }

        var partition = MyRequestKeys.Partition(requesterAadObjectId);
        var filter = TableFilter.Create($"PartitionKey eq {partition}");
        var items = new List<MyRequestItem>(Math.Min(max, 100));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new MyRequestItem(
                row.GetString(nameof(MyRequestItem.RequesterAadObjectId)),
                row.GetString(nameof(MyRequestItem.Reference)),
                row.GetString(nameof(MyRequestItem.Kind)),
                row.GetString(nameof(MyRequestItem.Title)),
                row.GetString(nameof(MyRequestItem.Status)),
                row.GetDateTimeOffset(nameof(MyRequestItem.CreatedAt)) ?? default,
                row.GetDateTimeOffset(nameof(MyRequestItem.UpdatedAt)) ?? default));
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }
}
