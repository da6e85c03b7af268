using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// The daily leaver check (policy 4.20), with Graph only: every accepted administrator of a running account (Active, Audit
/// due, Under review) is looked up in the directory, and each one deleted or disabled there is handled exactly as when Comms
/// marks them "Left the university". It runs on a durable reminder, so of several bot instances one runs it, and a restart
/// neither skips nor repeats a run: each run's key names the moment it is due, and each run schedules the next.
/// </summary>
internal sealed partial class LeaverCheck(
    IOfficialAccounts accounts,
    AdministratorFollowUp followUp,
    IReminders reminders,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<LeaverCheck> logger,
    IStaffDirectory? directory = null) : IReminderHandler, IHostedService
{
    public static readonly ReminderKind Run = new("accounts", "leaver-check");

    /// <summary>Who the history and the messages name as having marked the leaver.</summary>
    public static readonly Actor Checker = new(string.Empty, "The staff directory check");

    public ReminderKind Kind => Run;

    /// <summary>Without Graph nothing is scheduled: Comms marks leavers by hand.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            await ScheduleNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tables unreachable at start: the next start schedules it.
            LogNotScheduled(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        // The next run first, so a run that fails part-way still has a successor.
        await ScheduleNextAsync(cancellationToken).ConfigureAwait(false);
        if (directory is not null)
        {
            await CheckAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks every administrator the directory says has left; returns how many accounts changed. Graph unreachable: nothing changes.</summary>
    public async Task<int> CheckAsync(IStaffDirectory staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var running = (await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(account => account.Status is OfficialAccountStatus.Active or OfficialAccountStatus.AuditDue or OfficialAccountStatus.UnderReview)
            .ToList();
        var administrators = running.SelectMany(account => account.AdministratorIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (administrators.Count == 0)
        {
            return 0;
        }

        if (await staff.FindLeaversAsync(administrators, cancellationToken).ConfigureAwait(false) is not { } leavers)
        {
            LogTryLater(logger, options.Value.LeaverCheckInterval);
            return 0;
        }

        var changed = 0;
        foreach (var account in running)
        {
            foreach (var leaver in account.AdministratorIds.Where(leavers.Contains))
            {
                var outcome = await accounts.ApplyAsync(account.SourceReference, a => a.MarkLeft(Checker, leaver, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                if (outcome.Changed is { } marked)
                {
                    await followUp.LeftAsync(marked, cancellationToken).ConfigureAwait(false);
                    changed++;
                }
            }
        }

        if (changed > 0)
        {
            LogMarked(logger, changed);
        }

        return changed;
    }

    /// <summary>The next run, at the next whole multiple of the interval (midnight UTC for a day): every instance computes the same key.</summary>
    private Task<bool> ScheduleNextAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.LeaverCheckInterval.Ticks;
        var now = time.GetUtcNow().UtcTicks;
        var due = new DateTimeOffset(((now / interval) + 1) * interval, TimeSpan.Zero);
        return reminders.ScheduleAsync(Run.For(due.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)), due, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaver check: the directory could not be read; nothing changed, trying again in {Interval}")]
    private static partial void LogTryLater(ILogger logger, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaver check: {Count} administrator(s) marked as having left the university")]
    private static partial void LogMarked(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaver check: could not schedule the next run ({Error}); the next start schedules it")]
    private static partial void LogNotScheduled(ILogger logger, string error);
}
