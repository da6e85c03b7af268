using Azure;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Hosting;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// Creates the tables once, before the app takes traffic. It retries with backoff because
/// Azurite (or a storage account behind a cold network) is often not ready when the app starts,
/// and a crash loop would only make that worse.
/// </summary>
internal sealed partial class TableStorageInitializer(
    TableStorage storage,
    IOptions<TableStorageOptions> options,
    TimeProvider time,
    ILogger<TableStorageInitializer> logger) : IHostedService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.StartupTimeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateTablesAsync(cancellationToken).ConfigureAwait(false);
                LogReady(logger, TableNames.All.Count, attempt);
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                var delay = ExponentialBackoff.Delay(FirstDelay, MaxDelay, attempt);
                if (time.GetUtcNow() + delay > deadline)
                {
                    throw new InvalidOperationException(
                        $"Table storage was not reachable within {options.Value.StartupTimeout} ({attempt} attempts). Check {TableStorageOptions.ConnectionStringKey} and that the storage service (Azurite locally) is running.",
                        ex);
                }

                LogNotReady(logger, attempt, delay, ex.GetType().Name, (ex as RequestFailedException)?.Status);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// One query lists the tables that exist (all of them, on every start after the first); only
    /// the missing ones are created, all at once. Start-up, and so the first answered turn, waits
    /// on this: ten create calls cost a cold start about as much as the rest of it together.
    /// </summary>
    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // table names are case-insensitive
        await foreach (var table in storage.Service.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            existing.Add(table.Name);
        }

        await Task.WhenAll(TableNames.All
            .Where(name => !existing.Contains(storage.TableName(name)))
            .Select(name => storage.GetTable(name).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Table storage ready: {TableCount} tables exist (attempt {Attempt})")]
    private static partial void LogReady(ILogger logger, int tableCount, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage not reachable yet (attempt {Attempt}, {Error}, HTTP {HttpStatus}); retrying in {Delay}")]
    private static partial void LogNotReady(ILogger logger, int attempt, TimeSpan delay, string error, int? httpStatus);
}
