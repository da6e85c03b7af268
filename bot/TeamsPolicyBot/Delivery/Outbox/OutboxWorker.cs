using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>Runs <see cref="OutboxProcessor"/> for the life of the app, woken early when a message is queued.</summary>
internal sealed class OutboxWorker(
    OutboxProcessor processor,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : PollingWorker(time, logger)
{
    protected override string RoundName => "Outbox poll";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken) => processor.RunOnceAsync(cancellationToken);

    protected override Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken) => signal.WaitAsync(wait, Time, cancellationToken);
}
