using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Storage;

[Collection(AzuriteTests.Name)]
public class ReferenceNumbersTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task References_count_up_per_prefix_from_0001()
    {
        var numbers = new ReferenceNumbers(await azurite.CreateTablesAsync(), time);

        Assert.Equal("SMA-2026-0001", await numbers.NextAsync("SMA"));
        Assert.Equal("SMA-2026-0002", await numbers.NextAsync("SMA"));
        Assert.Equal("INC-2026-0001", await numbers.NextAsync("INC"));
        Assert.Equal("SMA-2026-0003", await numbers.NextAsync("SMA"));
    }

    [Fact]
    public async Task Twenty_parallel_callers_get_twenty_distinct_consecutive_references()
    {
        var storage = await azurite.CreateTablesAsync();

        // Separate instances, as separate bot instances would be: nothing is shared but the table.
        var references = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => new ReferenceNumbers(storage, time).NextAsync("SMA"))));

        Assert.Equal(
            Enumerable.Range(1, 20).Select(n => $"SMA-2026-{n:D4}"),
            references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_year_starts_again_at_0001()
    {
        var numbers = new ReferenceNumbers(await azurite.CreateTablesAsync(), time);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        await numbers.NextAsync("SMA");
        Assert.Equal("SMA-2026-0002", await numbers.NextAsync("SMA"));

        time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("SMA-2027-0001", await numbers.NextAsync("SMA"));
        Assert.Equal("SMA-2027-0002", await numbers.NextAsync("SMA"));
    }

    [Fact]
    public async Task Past_9999_the_number_grows_a_digit()
    {
        var storage = await azurite.CreateTablesAsync();
        await storage.GetTable(TableNames.Counters).AddEntityAsync(new TableEntity("SMA", "2026") { ["Value"] = 9998L });
        var numbers = new ReferenceNumbers(storage, time);

        Assert.Equal("SMA-2026-9999", await numbers.NextAsync("SMA"));
        Assert.Equal("SMA-2026-10000", await numbers.NextAsync("SMA"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("sma")]
    [InlineData("SMA-1")]
    [InlineData("TOOLONG")]
    public async Task A_prefix_must_be_two_to_five_capital_letters(string prefix)
    {
        var numbers = new ReferenceNumbers(await azurite.CreateTablesAsync(), time);

        await Assert.ThrowsAsync<ArgumentException>(() => numbers.NextAsync(prefix));
    }
}
