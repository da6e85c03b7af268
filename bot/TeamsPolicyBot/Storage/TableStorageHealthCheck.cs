using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// Reachable means: the service answers a query for the bot's own tables and they all exist.
/// A missing table is unhealthy too, since every repository call would fail with 404.
/// </summary>
internal sealed class TableStorageHealthCheck(TableStorage storage, IOptions<TableStorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HealthCheckTimeout);
        try
        {
            var missing = new List<string>();
            foreach (var name in TableNames.All.Select(storage.TableName))
            {
                var filter = TableFilter.Create($"TableName eq {name}");
                var exists = false;
                await foreach (var _ in storage.Service.QueryAsync(filter, maxPerPage: 1, cancellationToken: timeout.Token).ConfigureAwait(false))
                {
                    exists = true;
                    break;
                }

                if (!exists)
                {
                    missing.Add(name);
                }
            }

            return missing.Count == 0
                ? HealthCheckResult.Healthy("Table storage is reachable.")
                : HealthCheckResult.Unhealthy($"Table storage is reachable but tables are missing: {string.Join(", ", missing)}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Table storage did not answer within {options.Value.HealthCheckTimeout}.");
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("Table storage is not reachable.", ex);
        }
    }
}
