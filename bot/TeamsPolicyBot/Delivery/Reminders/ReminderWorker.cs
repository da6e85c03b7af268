using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// Runs <see cref="ReminderProcessor"/> every poll interval for the life of the app. Any number
/// of instances may run: the claim in the table, not this loop, makes each reminder fire once.
/// </summary>
internal sealed partial class ReminderWorker(
    ReminderProcessor processor,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Storage hiccups must not stop the worker: due reminders stay due.
                LogPollFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder poll failed ({ExceptionType}); trying again after the poll interval")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);
}
