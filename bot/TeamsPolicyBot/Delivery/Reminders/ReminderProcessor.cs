using Microsoft.Extensions.Options;
using TeamsPolicyBot.Hosting;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// One pass over the due reminders: claim each with an ETag-conditional write (so of several bot
/// instances exactly one wins), call the handlers of its kind, record the outcome. A worker calls
/// <see cref="RunOnceAsync"/> in a loop; tests call it directly under a fake clock.
/// Logs carry keys (ids such as "incident/INC-2026-0007/acknowledge") and exception types only.
/// </summary>
internal sealed partial class ReminderProcessor(
    ReminderStore store,
    IEnumerable<IReminderHandler> handlers,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderProcessor> logger)
{
    // Recording "fired" is retried a little: failing to record it would run the handlers again.
    private const int RecordAttempts = 3;

    private readonly ReminderOptions settings = options.Value;
    private readonly IReminderHandler[] handlers = handlers.ToArray();

    /// <summary>Handles what is due now; returns how many reminders fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = new List<ReminderRecord>();
        await foreach (var record in store.ReadDueAsync(time.GetUtcNow(), settings.BatchSize, cancellationToken).ConfigureAwait(false))
        {
            due.Add(record);
        }

        var fired = 0;
        foreach (var record in due)
        {
            if (await FireAsync(record, cancellationToken).ConfigureAwait(false))
            {
                fired++;
            }
        }

        return fired;
    }

    private async Task<bool> FireAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (record.State == ReminderStatus.Firing)
        {
            // The instance that claimed it never reported back: it died or its handlers hung.
            LogClaimExpired(logger, record.Key, record.Attempts);
        }

        if (record.Attempts >= settings.MaxAttempts)
        {
            await GiveUpAsync(record, cancellationToken).ConfigureAwait(false);
            return false;
        }

        record.State = ReminderStatus.Firing;
        record.Attempts++;
        record.NextAttemptAt = now + settings.LeaseDuration;
        var claimed = await store.TryReplaceAsync(record, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            LogLostClaim(logger, record.Key);
            return false;
        }

        // Handlers stop a little before the claim runs out, so no other instance starts while they run.
        using var budget = new CancellationTokenSource(settings.LeaseDuration * 0.9, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            if (ReminderKey.Parse(claimed.Key) is { } key)
            {
                foreach (var handler in handlers.Where(handler => handler.Kind == key.Kind))
                {
                    await handler.HandleAsync(key, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RetryLaterAsync(claimed, ex, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        // Shutdown does not stop this write: the handlers are done, and not recording it would repeat them.
        claimed.State = ReminderStatus.Fired;
        claimed.CompletedAt = time.GetUtcNow();
        claimed.LastError = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await store.TryReplaceAsync(claimed, CancellationToken.None).ConfigureAwait(false) is null)
                {
                    LogFiredNotRecorded(logger, claimed.Key);
                    return true;
                }

                LogFired(logger, claimed.Key, claimed.Attempts);
                return true;
            }
            catch (Azure.RequestFailedException) when (attempt < RecordAttempts)
            {
            }
        }
    }

    private async Task RetryLaterAsync(ReminderRecord claimed, Exception failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        claimed.LastError = failure.GetType().Name;
        if (claimed.Attempts >= settings.MaxAttempts)
        {
            await GiveUpAsync(claimed, cancellationToken).ConfigureAwait(false);
            return;
        }

        claimed.State = ReminderStatus.Scheduled;
        claimed.NextAttemptAt = now + Backoff(claimed.Attempts);
        if (await store.TryReplaceAsync(claimed, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogRetrying(logger, claimed.Key, claimed.LastError, claimed.Attempts, claimed.NextAttemptAt);
        }
    }

    private async Task GiveUpAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        record.State = ReminderStatus.Failed;
        record.CompletedAt = time.GetUtcNow();
        if (await store.TryReplaceAsync(record, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogGaveUp(logger, record.Key, record.Attempts, record.LastError);
        }
    }

    private TimeSpan Backoff(int attempts) => ExponentialBackoff.Delay(settings.FirstRetryDelay, settings.MaxRetryDelay, attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} fired on attempt {Attempt}")]
    private static partial void LogFired(ILogger logger, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {Key} was claimed by another instance")]
    private static partial void LogLostClaim(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key}: a handler failed ({ExceptionType}) on attempt {Attempt}; retrying at {RetryAt:o}")]
    private static partial void LogRetrying(ILogger logger, string key, string? exceptionType, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Key} given up after {Attempt} attempts (last error {ExceptionType})")]
    private static partial void LogGaveUp(ILogger logger, string key, int attempt, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key}: its claim (attempt {Attempt}) expired before the outcome was recorded; trying again")]
    private static partial void LogClaimExpired(ILogger logger, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key}: handled, but its claim had expired and it changed meanwhile; another instance may handle it again")]
    private static partial void LogFiredNotRecorded(ILogger logger, string key);
}
