using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// What follows a stored change to a request: its projections (the requester's "My requests" entry, the Comms channel
/// card), a new request's channel thread, and on a decision the official account record and the requester's notice.
/// Runs after the change is saved, so a click never waits on Teams. Every step may run again for the same state (a
/// retried click re-runs it to repair a crash between saving and queuing): the official account is added idempotently
/// and each message is queued under a key naming the request, its version and its status, so nothing goes out twice.
/// </summary>
internal sealed partial class AccountRequestFollowUp(
    IAccountRequests requests,
    IOfficialAccounts officialAccounts,
    AuditFollowUp audits,
    AdministratorFollowUp administrators,
    LinkReminder linkReminder,
    IProactiveMessenger messenger,
    AccountRequestCards cards,
    ApprovalChannelCard channelCard,
    IReminders reminders,
    IOptions<TargetsOptions> targets,
    IOptions<AccountsOptions> accounts,
    ILogger<AccountRequestFollowUp> logger)
{
    public async Task SubmittedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await requests.ShowAsync(request, cancellationToken);
        await channelCard.PostAsync(request, cancellationToken);
        await ScheduleTargetReminderAsync(request, cancellationToken);
    }

    /// <summary>
    /// A resubmission or a withdrawal: the index and the channel card change; the requester already sees it in their chat.
    /// A resubmitted version waits for a decision again, so it gets its own target reminder.
    /// </summary>
    public async Task ChangedByRequesterAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await requests.ShowAsync(request, cancellationToken);
        if (request.Status == AccountRequestStatus.Pending)
        {
            await ScheduleTargetReminderAsync(request, cancellationToken);
        }
    }

    // Keyed by the version, so scheduling again (a replay, a repair) changes nothing.
    private Task<bool> ScheduleTargetReminderAsync(AccountRequest request, CancellationToken cancellationToken) =>
        reminders.ScheduleAsync(
            AccountRequestTargetReminder.Key(request),
            AccountRequestTargetReminder.DueAt(request.SubmittedAt, targets.Value.DecideAccountRequestWithin),
            cancellationToken);

    /// <summary>
    /// A decision's follow-up. Its steps touch different rows, so they go out together and the approver's click waits for
    /// the longest of them rather than their sum: the projections, the requester's notice, and the register with the
    /// account's reminders and invitations.
    /// </summary>
    public async Task DecidedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        var approved = request.Status == AccountRequestStatus.Approved;

        // The first audit is due this long after the approval, as the register records it (OfficialAccount.FromApprovedRequest),
        // so the notice can say when without waiting for the register.
        DateTimeOffset? auditDue = approved ? request.Decision!.DecidedAt + accounts.Value.AuditInterval : null;
        await Task.WhenAll(
            requests.ShowAsync(request, cancellationToken),
            TellRequesterAsync(request, auditDue, cancellationToken),
            approved ? RegisterAsync(request, cancellationToken) : Task.CompletedTask);
    }

    private async Task RegisterAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        var account = await officialAccounts.AddFromApprovedRequestAsync(request, cancellationToken);
        await Task.WhenAll(
            audits.ScheduleNextAuditAsync(account, cancellationToken),
            administrators.InvitedOnApprovalAsync(account, cancellationToken),
            linkReminder.ScheduleAsync(account, request.Decision!.DecidedAt, cancellationToken));
    }

    private async Task TellRequesterAsync(AccountRequest request, DateTimeOffset? auditDue, CancellationToken cancellationToken)
    {
        var notice = Activity.CreateMessage(attachments: cards.DecisionNotice(request, auditDue));
        notice.Summary = $"Your request {request.Reference}: {AccountRequestIndex.StatusText(request.Status)}";
        var reach = await messenger.SendToPersonAsync(request.Requester.AadObjectId, notice, tag: null, cancellationToken, ApprovalChannelCard.StepKey(request, "notice"));
        if (!reach.IsQueued)
        {
            LogRequesterUnreachable(logger, request.Reference, reach.Reason);
        }
    }

    /// <summary>
    /// Runs again whatever should have followed the request's current state. Called when a click
    /// is refused because the change already happened: if the bot crashed between saving that
    /// change and queuing its messages, the retried click (Teams retries unanswered invokes) repairs it.
    /// </summary>
    public Task RepairAsync(AccountRequest current, CancellationToken cancellationToken) => current.Status switch
    {
        AccountRequestStatus.Pending when current.Version == 1 => SubmittedAsync(current, cancellationToken),
        AccountRequestStatus.Pending or AccountRequestStatus.Withdrawn => ChangedByRequesterAsync(current, cancellationToken),
        _ => DecidedAsync(current, cancellationToken),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the requester of {Reference}: {Reason}")]
    private static partial void LogRequesterUnreachable(ILogger logger, string reference, UnreachableReason reason);
}
