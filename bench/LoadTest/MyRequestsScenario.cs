using System.Globalization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>
/// "My requests" must read at most the results plus one page of entities however big the table is:
/// seeds the bot's my-requests table with N rows (one person with 60 of them, the rest spread over
/// others, 100 to a partition), asks for that person's list, and counts the entities Table Storage returned.
/// </summary>
internal static class MyRequestsScenario
{
    public const int PersonsRows = 60;
    public const int Worker = 200_000;

    public static async Task SeedAsync(string azuriteConnection, string tableName, int rows)
    {
        var table = new TableClient(azuriteConnection, tableName);
        await table.CreateIfNotExistsAsync();
        var person = LoadGenerator.AadObjectId(Worker);
        var batches = new List<(string Partition, int Count, int Offset)> { (person, PersonsRows, 0) };
        for (int done = PersonsRows, other = 0; done < rows; done += 100, other++)
        {
            batches.Add(($"00000000-0000-4000-9000-{other:D12}", Math.Min(100, rows - done), 0));
        }

        using var gate = new SemaphoreSlim(16);
        var created = DateTimeOffset.UtcNow;
        await Task.WhenAll(batches.Select(async batch =>
        {
            await gate.WaitAsync();
            try
            {
                var actions = Enumerable.Range(0, batch.Count).Select(i =>
                {
                    var reference = $"SMA-2026-{i.ToString("D4", CultureInfo.InvariantCulture)}";
                    var at = created.AddSeconds(-i);
                    var inverted = (DateTimeOffset.MaxValue.UtcTicks / TimeSpan.TicksPerSecond) - (at.UtcTicks / TimeSpan.TicksPerSecond);
                    return new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(batch.Partition, $"{inverted:D19}-{reference}")
                    {
                        ["RequesterAadObjectId"] = batch.Partition,
                        ["Reference"] = reference,
                        ["Kind"] = "account",
                        ["Title"] = "Official account request",
                        ["Status"] = "Submitted",
                        ["CreatedAt"] = at,
                        ["UpdatedAt"] = at,
                    });
                }).ToList();
                await table.SubmitTransactionAsync(actions);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
