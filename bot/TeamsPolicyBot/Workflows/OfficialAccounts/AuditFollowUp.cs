using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// What follows each stored step of the yearly audit: the cards to the administrators, the review card to Comms, the
/// reminders. Every message is queued under a key naming the account, the audit round and the step, so a step that runs
/// again (a retried click, a reminder whose instance died) says nothing twice; every reminder key is one-shot.
/// </summary>
internal sealed partial class AuditFollowUp(
    IReminders reminders,
    IProactiveMessenger messenger,
    IAccountRequests requests,
    IManagerDirectory managers,
    AuditCards cards,
    IOptions<AccountsOptions> options,
    ILogger<AuditFollowUp> logger)
{
    /// <summary>The reminders of the audit: its date, the chase, the escalation. The reference is "SMA-2026-0001/2" (account, round).</summary>
    public static readonly ReminderKind Due = new("account", "audit");
    public static readonly ReminderKind Chase = new("account", "audit-chase");
    public static readonly ReminderKind Escalate = new("account", "audit-escalate");

    public static ReminderKey Key(ReminderKind kind, string sourceReference, int round) => kind.For($"{sourceReference}/{round}");

    /// <summary>The account and round a reminder is about; null for a reference of another shape.</summary>
    public static (string Reference, int Round)? Parse(ReminderKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.Reference.LastIndexOf('/');
        return slash > 0 && int.TryParse(key.Reference[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var round)
            ? (key.Reference[..slash], round)
            : null;
    }

    /// <summary>The reminder for the account's next audit, on its next audit date (idempotent: an existing key is left alone).</summary>
    public Task<bool> ScheduleNextAuditAsync(OfficialAccount account, CancellationToken cancellationToken) =>
        account.Status is OfficialAccountStatus.Active
            ? reminders.ScheduleAsync(Key(Due, account.SourceReference, account.AuditRound + 1), account.NextAuditDue, cancellationToken)
            : Task.FromResult(false);

    /// <summary>The audit cards to every administrator, and its chase and escalation from when it started.</summary>
    public async Task AuditStartedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var audit = account.Audit!;
        await SendCardsAsync(account, cards.Audit(account), $"audit/{audit.Round}/{audit.ChangesCount}", $"Yearly audit of {Plain(account)}", cancellationToken);
        await reminders.ScheduleAsync(Key(Chase, account.SourceReference, audit.Round), audit.StartedAt + options.Value.AuditChaseAfter, cancellationToken);
        await reminders.ScheduleAsync(Key(Escalate, account.SourceReference, audit.Round), audit.StartedAt + options.Value.AuditEscalateAfter, cancellationToken);
    }

    /// <summary>Comms asked for changes: the audit card again, with their message, to every administrator.</summary>
    public Task ChangesAskedAsync(OfficialAccount account, CancellationToken cancellationToken) =>
        SendCardsAsync(account, cards.Audit(account), $"audit/{account.AuditRound}/{account.Audit!.ChangesCount}", $"Comms asked for changes to the audit of {Plain(account)}", cancellationToken);

    /// <summary>
    /// A completed audit to the Comms channel: in the thread of the account's approval card when it is known (its
    /// history is there), else as a new post. The other administrators' cards say who completed it when Teams next refreshes them.
    /// </summary>
    public async Task CompletedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var audit = account.Audit!;
        var review = Activity.CreateMessage(attachments: cards.Review(account));
        review.Summary = $"Audit to review: {Plain(account)}";
        var key = $"account/{account.SourceReference}/audit/{audit.Round}/{audit.ChangesCount}/review";
        if ((await requests.GetAsync(account.SourceReference, cancellationToken))?.Record.ApprovalCard is { } thread)
        {
            await messenger.ReplyInThreadAsync(thread, review, cancellationToken, key);
        }
        else if (!await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, review, new DeliveryTag("official-account", account.SourceReference, "audit"), cancellationToken, key))
        {
            LogCommsUnreachable(logger, account.SourceReference);
        }
    }

    /// <summary>Comms let the account continue: the administrators are told, and the next audit is scheduled.</summary>
    public async Task ContinuedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        await TellAdministratorsAsync(
            account,
            $"Comms reviewed the audit of {Plain(account)}: the account continues. Its next audit is on {CardDates.Date(account.NextAuditDue)}. Thank you.",
            $"audit/{account.AuditRound}/continued",
            cancellationToken);
        await ScheduleNextAuditAsync(account, cancellationToken);
    }

    /// <summary>Comms closed the account: each administrator is asked to delete or archive it and confirm.</summary>
    public Task ClosingAsync(OfficialAccount account, CancellationToken cancellationToken) =>
        SendCardsAsync(account, cards.Closing(account), "closing", $"{Plain(account)} is closing", cancellationToken);

    /// <summary>The audit is not done after <c>Accounts:AuditChaseAfter</c>: the administrators are reminded once.</summary>
    public Task ChasedAsync(OfficialAccount account, CancellationToken cancellationToken) =>
        TellAdministratorsAsync(
            account,
            $"A reminder: the yearly audit of {Plain(account)} ({account.SourceReference}) is not done yet. One of you can complete it on the audit card I sent on {CardDates.Date(account.Audit!.StartedAt)}.",
            $"audit/{account.AuditRound}/chase",
            cancellationToken);

    /// <summary>
    /// The audit is still not done after <c>Accounts:AuditEscalateAfter</c>: the Comms channel (in the account's thread
    /// when known) and each administrator's line manager are told once.
    /// </summary>
    public async Task EscalatedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var days = (int)options.Value.AuditEscalateAfter.TotalDays;
        var since = CardDates.Date(account.Audit!.StartedAt);
        var comms = Activity.CreateMessage(
            $"The yearly audit of {Plain(account)} ({account.SourceReference}) was sent to its administrators on {since} and is still not done. " +
            "I have told their line managers. You can close the account from the register (\"accounts\") if it is no longer run.");
        var key = $"account/{account.SourceReference}/audit/{account.AuditRound}/escalate";
        if ((await requests.GetAsync(account.SourceReference, cancellationToken))?.Record.ApprovalCard is { } thread)
        {
            await messenger.ReplyInThreadAsync(thread, comms, cancellationToken, $"{key}/comms");
        }
        else if (!await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, comms, new DeliveryTag("official-account", account.SourceReference, "escalated"), cancellationToken, $"{key}/comms"))
        {
            LogCommsUnreachable(logger, account.SourceReference);
        }

        foreach (var admin in account.Administrators.Where(admin => !string.IsNullOrWhiteSpace(admin.AadObjectId)))
        {
            if (!Guid.TryParse(admin.AadObjectId, out _) || await managers.FindManagerAsync(admin.AadObjectId!, cancellationToken) is not ManagerFound { Manager: var manager })
            {
                LogNoManager(logger, account.SourceReference, admin.AadObjectId!);
                continue;
            }

            var text = $"{admin.Name ?? admin.Email ?? "Someone in your team"} is an administrator of the university's official account {Plain(account)}. " +
                $"Its yearly audit (policy 4.17) was sent on {since} and is still not done. Please ask them to complete it, or tell the Comms team if they no longer run it.";
            var reach = await messenger.SendToPersonAsync(manager.AadObjectId, Activity.CreateMessage(text), tag: null, cancellationToken, $"{key}/manager/{admin.AadObjectId}");
            if (!reach.IsQueued)
            {
                LogUnreachable(logger, account.SourceReference, manager.AadObjectId, reach.Reason);
            }
        }
    }

    private Task SendCardsAsync(OfficialAccount account, Attachment card, string step, string summary, CancellationToken cancellationToken) =>
        ToAdministratorsAsync(account, () =>
        {
            var message = Activity.CreateMessage(attachments: card);
            message.Summary = summary;
            return message;
        }, step, cancellationToken);

    private Task TellAdministratorsAsync(OfficialAccount account, string text, string step, CancellationToken cancellationToken) =>
        ToAdministratorsAsync(account, () => Activity.CreateMessage(text), step, cancellationToken);

    /// <summary>A message to each administrator's personal chat, under a key naming the account, the step and the person.</summary>
    private async Task ToAdministratorsAsync(OfficialAccount account, Func<Activity> message, string step, CancellationToken cancellationToken)
    {
        foreach (var admin in account.AdministratorIds)
        {
            var reach = await messenger.SendToPersonAsync(admin, message(), tag: null, cancellationToken, $"account/{account.SourceReference}/{step}/{admin}");
            if (!reach.IsQueued)
            {
                LogUnreachable(logger, account.SourceReference, admin, reach.Reason);
            }
        }
    }

    /// <summary>"Instagram @handle" for plain text messages (no Markdown link).</summary>
    private static string Plain(OfficialAccount account) => $"{account.PlatformName} {account.Handle}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach {PersonId} about official account {Reference}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reference, string personId, UnreachableReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post about official account {Reference} to the Comms channel: its location is not known")]
    private static partial void LogCommsUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "No line manager found for administrator {PersonId} of official account {Reference}")]
    private static partial void LogNoManager(ILogger logger, string reference, string personId);
}
