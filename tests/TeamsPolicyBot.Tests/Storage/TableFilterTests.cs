using Azure.Data.Tables;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Storage;

/// <summary>Filters written without the SDK's filter writer (it loads the XML library) read as the SDK's and select what they would.</summary>
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
    public void Every_other_value_is_written_as_the_SDK_writes_it()
    {
        var name = "O'Brien's ''unit''";
        var count = 3;
        var big = 5_000_000_000L;
        var flag = true;
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        string? nothing = null;

        Assert.Equal(
            TableClient.CreateQueryFilter($"PartitionKey eq {name} and Count gt {count} and Big lt {big} and Done eq {flag} and Id eq {id} and Gone eq {nothing}"),
            TableFilter.Create($"PartitionKey eq {name} and Count gt {count} and Big lt {big} and Done eq {flag} and Id eq {id} and Gone eq {nothing}"));
    }

    [Fact]
    public void A_value_of_a_type_it_does_not_know_is_refused_not_guessed()
    {
        var amount = 1.5m;

        Assert.Throws<ArgumentException>(() => TableFilter.Create($"Amount eq {amount}"));
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
