namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// At start-up, indexes the handles of accounts added before the handle index existed, so the approval card's
/// duplicate check sees them too, and schedules the next audit of every active account added before the yearly audit
/// existed (scheduling is idempotent: an account's existing reminder is left alone). Runs after the tables are created
/// (it is registered after table storage) and in the background: reading the whole register must not hold up the first
/// turn (issue 14's cold start). A failure is logged and the work waits for the next start.
/// </summary>
internal sealed partial class HandleIndexing(IOfficialAccounts accounts, AuditFollowUp audits, ILogger<HandleIndexing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cancellationToken = stoppingToken;
        try
        {
            var written = await accounts.IndexHandlesAsync(cancellationToken).ConfigureAwait(false);
            if (written > 0)
            {
                LogIndexed(logger, written);
            }

            var scheduled = 0;
            foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                scheduled += await audits.ScheduleNextAuditAsync(account, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (scheduled > 0)
            {
                LogScheduled(logger, scheduled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotIndexed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed the handles of {Count} official accounts added before the index")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled the yearly audit of {Count} official accounts added before the audit reminders")]
    private static partial void LogScheduled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not index the official accounts' handles ({Error}); the duplicate check misses older accounts until the next start")]
    private static partial void LogNotIndexed(ILogger logger, string error);
}
