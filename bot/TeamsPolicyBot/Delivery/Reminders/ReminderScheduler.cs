
namespace TeamsPolicyBot.Delivery.Reminders;

internal sealed class ReminderScheduler(ReminderStore store, TimeProvider time) : IReminders
{
    // Enough to get past a handful of writers racing on one key; each loses only to real progress.
    private const int CancelAttempts = 10;

    public Task<bool> ScheduleAsync(ReminderKey key, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return store.TryAddAsync(key.ToString(), dueAt, cancellationToken);
    }

    public Task<bool> DeleteAsync(ReminderKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return store.DeleteAsync(key.ToString(), cancellationToken);
    }

    public async Task<bool> CancelAsync(ReminderKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var attempt = 0; attempt < CancelAttempts; attempt++)
        {
            var current = await store.GetAsync(key.ToString(), cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                if (await store.TryAddCancelledAsync(key.ToString(), cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                continue;
            }

            switch (current.State)
            {
                case ReminderStatus.Cancelled:
                    return true;
                case ReminderStatus.Scheduled:
                    current.State = ReminderStatus.Cancelled;
                    current.CompletedAt = time.GetUtcNow();
                    if (await store.TryReplaceAsync(current, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        return true;
                    }

                    break;
                default:
                    return false;
            }
        }

        throw new InvalidOperationException($"Reminder {key} kept changing while it was being cancelled.");
    }
}
