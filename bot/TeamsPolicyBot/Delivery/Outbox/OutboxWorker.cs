using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// Runs <see cref="OutboxProcessor"/> for the life of the app. Any number of instances may run
/// at once (several app replicas): claims in the table, not this loop, keep sends exactly-once.
/// </summary>
internal sealed partial class OutboxWorker(
    OutboxProcessor processor,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await processor.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Storage hiccups must not stop the worker: pending entries stay pending.
                LogPollFailed(logger, ex.GetType().Name);
                next = time.GetUtcNow() + options.Value.PollInterval;
            }

            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await signal.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox poll failed ({ExceptionType}); trying again after the poll interval")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);
}
