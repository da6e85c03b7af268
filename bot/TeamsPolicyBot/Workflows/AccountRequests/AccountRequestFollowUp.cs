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

    public async Task DecidedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await requests.ShowAsync(request, cancellationToken);
        DateTimeOffset? auditDue = null;
        if (request.Status == AccountRequestStatus.Approved)
        {
            var account = await officialAccounts.AddFromApprovedRequestAsync(request, cancellationToken);
            await audits.ScheduleNextAuditAsync(account, cancellationToken);
            await administrators.InvitedOnApprovalAsync(account, cancellationToken);
            await linkReminder.ScheduleAsync(account, request.Decision!.DecidedAt, cancellationToken);
            auditDue = account.NextAuditDue;
        }

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
