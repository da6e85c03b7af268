namespace TeamsPolicyBot.Delivery;

/// <summary>
/// A loop for the life of the app that does one round of work, then waits until the round says the next is due. Any number
/// of instances may run at once (several app replicas): claims in the table, not this loop, keep the work exactly-once.
/// A failed round (a storage hiccup) is logged and tried again after the poll interval; it never stops the loop.
/// </summary>
internal abstract partial class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>What the logs call one round ("Outbox poll").</summary>
    protected abstract string RoundName { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One round of work; returns when the next round is due.</summary>
    protected abstract Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Waits <paramref name="wait"/>; a worker that can be woken early (new work queued) overrides this.</summary>
    protected virtual Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, Time, cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Storage hiccups must not stop the worker: what was due stays due.
                LogRoundFailed(logger, RoundName, ex.GetType().Name);
                next = Time.GetUtcNow() + PollInterval;
            }

            var wait = next - Time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await WaitAsync(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Round} failed ({ExceptionType}); trying again after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, string round, string exceptionType);
}
