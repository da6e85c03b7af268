using TeamsPolicyBot.Delivery;

namespace TeamsPolicyBot.Retention;

/// <summary>
/// Looks at the retention lease when it says the next sweep is due (at most every <see cref="RetryInterval"/> after a
/// failure); the lease, not this loop, makes one instance sweep and keeps the due time across restarts.
/// </summary>
internal sealed class RetentionWorker(RetentionSweep sweep, TimeProvider time, ILogger<RetentionWorker> logger) : PollingWorker(time, logger)
{
    /// <summary>After a failed round (storage down): soon enough that a day's sweep is not missed, rare enough to be quiet.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);

    protected override string RoundName => "Retention sweep";

    protected override TimeSpan PollInterval => RetryInterval;

    protected override Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken) => sweep.RunIfDueAsync(cancellationToken);
}
