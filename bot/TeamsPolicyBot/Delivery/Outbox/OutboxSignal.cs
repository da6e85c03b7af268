namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// Wakes this instance's outbox worker as soon as something is enqueued here, so a message goes
/// out at once (policy 6.1: Comms is told "immediately") instead of at the next poll. Other
/// instances still find it by polling: the table, not this signal, is the source of truth.
/// </summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: many enqueues before the worker looks need only one pass.
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Completes when notified or when <paramref name="wait"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, stop.Token);
        var notified = signal.WaitAsync(stop.Token);
        await Task.WhenAny(delay, notified).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (notified.IsCompletedSuccessfully)
        {
            return;
        }

        // The wake-up may have won the race just as we cancelled; keep it for the next wait.
        try
        {
            await notified.ConfigureAwait(false);
            Notify();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => signal.Dispose();
}
