using Azure.Data.Tables;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Storage;

/// <summary>Filters that compare times, written without the SDK's XML formatter, select what the SDK's would.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableFilterTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_is_an_OData_datetime_in_UTC_to_the_tick()
    {
        Assert.Equal("datetime'2026-12-07T11:00:00.0000001Z'", TableFilter.DateTimeLiteral(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.FromHours(1)).AddTicks(1)));
    }

    [Fact]
    public void Every_other_value_is_quoted_and_escaped_as_the_SDK_does()
    {
        var name = "O'Brien";
        var count = 3;

        Assert.Equal(TableClient.CreateQueryFilter($"PartitionKey eq {name} and Count gt {count}"), TableFilter.Create($"PartitionKey eq {name} and Count gt {count}"));
    }

    [Fact]
    public async Task It_selects_the_same_rows_as_the_SDKs_filter()
    {
        var storage = await azurite.CreateTablesAsync();
        var table = storage.GetTable(TableNames.Reminders);
        // Milliseconds apart: Azurite keeps times to the millisecond (Azure to the tick).
        foreach (var (row, at) in new[] { ("before", Noon.AddMilliseconds(-1)), ("at", Noon), ("after", Noon.AddMilliseconds(1)), ("earlier-offset", Noon.ToOffset(TimeSpan.FromHours(-5)).AddMinutes(-1)) })
        {
            await table.AddEntityAsync(new TableEntity("filter-test", row) { ["At"] = at });
        }

        async Task<string[]> RowsAsync(string filter) =>
            [.. (await table.QueryAsync<TableEntity>(filter).ToListAsync()).Select(entity => entity.RowKey).Order(StringComparer.Ordinal)];

        var ours = await RowsAsync(TableFilter.Create($"PartitionKey eq {"filter-test"} and At le {Noon}"));

        Assert.Equal(["at", "before", "earlier-offset"], ours);
        Assert.Equal(await RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"filter-test"} and At le {Noon}")), ours);
    }
}
