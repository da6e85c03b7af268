using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>Runs <see cref="ReminderProcessor"/> every poll interval for the life of the app; the claim in the table makes each reminder fire once.</summary>
internal sealed class ReminderWorker(
    ReminderProcessor processor,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderWorker> logger) : PollingWorker(time, logger)
{
    protected override string RoundName => "Reminder poll";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        await processor.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return Time.GetUtcNow() + PollInterval;
    }
}
