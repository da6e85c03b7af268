using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Who is told what after a stored request (policy 6.3), all through the durable outbox: the person's "My requests";
/// the line manager's 1:1 (details only with consent), or the case handlers when the manager cannot be reached; the
/// Comms channel card (reference and urgency only); when urgent, the case handlers and escalation contacts at once
/// (<see cref="UntakenReferralReminder"/> reminds them once if nobody took it). Logs name references only, never typed text.
/// </summary>
internal sealed partial class SupportRequested(
    ISupportReferrals referrals,
    IProactiveMessenger messenger,
    SupportCards cards,
    ReferralChannelCard channelCard,
    SupportNotices notices,
    IOptions<SupportOptions> support,
    IOptions<TargetsOptions> targets,
    IReminders reminders,
    TimeProvider time,
    ILogger<SupportRequested> logger)
{
    /// <summary>
    /// Everything that follows a stored request. Runs again, unchanged, for a replayed submission (Teams retries an
    /// invoke it got no answer to): the first attempt may have stopped after storing the referral and before telling
    /// anyone, and every message is queued under its own key, so what was queued then is not queued again.
    /// </summary>
    public async Task FollowUpAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);

        // Once a case handler took it from the channel card, the card and the urgent alerts have done their job.
        if (referral.Status == ReferralStatus.New)
        {
            if (referral.IsUrgent)
            {
                await TellUrgentAsync(referral, cancellationToken);

                // Idempotent per key, like everything here: a replay schedules nothing more.
                await reminders.ScheduleAsync(UntakenReferralReminder.Key(referral), referral.CreatedAt.AddMinutes(support.Value.TakeWithinMinutes), cancellationToken);
            }
            else
            {
                await reminders.ScheduleAsync(ReferralTargetReminder.Key(referral), ReferralTargetReminder.DueAt(referral.CreatedAt, targets.Value.TakeSupportReferralWithin), cancellationToken);
            }

            await channelCard.PostAsync(referral, cancellationToken);
        }

        if (referral.Details.ManagerSharing == ManagerSharing.ManagerInvolved)
        {
            await TellManagerInvolvedAsync(referral, cancellationToken);
        }

        // "Talk first" waits for the case handler's "Tell their line manager now" (see SupportManagerTelling).
        await TellManagerAsync(referral, cancellationToken);
    }

    /// <summary>
    /// The line manager, once, when they are to be told (chosen on the form, or agreed later by the case handler): what
    /// the record says was done decides a re-run (told: nothing more; not reached: the case handlers asked again under
    /// the same keys), so a replay never tells the manager twice or records it twice. Nothing while "talk first" waits
    /// or when the manager is involved.
    /// </summary>
    public async Task TellManagerAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        if (!referral.ManagerIsToBeTold)
        {
            return;
        }

        if (referral.ManagerOutcome is { } earlier)
        {
            if (earlier.Action == ReferralAuditActions.ManagerNotReached)
            {
                await AskCaseHandlersToTellManagerAsync(referral, earlier.Detail ?? "", cancellationToken);
            }

            return;
        }

        string reason;
        if (referral.Manager.AadObjectId is { } managerId)
        {
            var message = Activity.CreateMessage(attachments: cards.ManagerNotice(referral));
            message.Summary = "A member of your team has asked for support";
            var reach = await messenger.SendToPersonAsync(managerId, message, tag: null, cancellationToken, SupportNotices.StepKey(referral, "manager"));
            if (reach.IsQueued)
            {
                await referrals.ApplyAsync(referral.Reference, r => r.RecordManagerTold(time.GetUtcNow()), cancellationToken);
                return;
            }

            reason = $"The bot cannot message the line manager yet ({reach.Reason})";
        }
        else
        {
            reason = "The line manager was typed by the person (not found in the directory), so the bot cannot message them";
        }

        LogManagerUnreachable(logger, referral.Reference);
        var recorded = await referrals.ApplyAsync(referral.Reference, r => r.RecordManagerNotReached(reason, time.GetUtcNow()), cancellationToken);

        // Another attempt running at the same time may have recorded first: ask with what is on the record.
        if (recorded.Current?.ManagerOutcome is { Action: ReferralAuditActions.ManagerNotReached } notReached)
        {
            await AskCaseHandlersToTellManagerAsync(referral, notReached.Detail ?? reason, cancellationToken);
        }
    }

    /// <summary>
    /// Every case handler hears that the manager must be told another way, but not who the manager is: that is the
    /// person's to share with the one who takes the case (the case card names them), not with everyone who could.
    /// </summary>
    private Task AskCaseHandlersToTellManagerAsync(SupportReferral referral, string reason, CancellationToken cancellationToken)
    {
        var sharing = referral.ManagerMaySeeDetails
            ? "They may see the full details (take the case to read them)."
            : "They may know only that a referral exists and how to support the person, not the details.";
        return notices.TellCaseHandlersAsync(
            referral,
            "manager-not-reached",
            "Please let a line manager know",
            $"The line manager for support request {referral.Reference} could not be told by the bot: {reason.ToLowerInvariant()}. Whoever takes the case: please let them know another way; the case card says who they are. {sharing}",
            "warning",
            cancellationToken);
    }

    /// <summary>
    /// The person said their line manager is involved: every case handler hears it privately now, so whoever takes the
    /// case knows before they contact the person (not who the manager is, nor anything the person wrote: that is for the
    /// one who takes it). The Comms channel card says nothing of it.
    /// </summary>
    private Task TellManagerInvolvedAsync(SupportReferral referral, CancellationToken cancellationToken) => notices.TellCaseHandlersAsync(
        referral,
        "manager-involved",
        "Their line manager is involved",
        $"The person who asked for support ({referral.Reference}) says their line manager is involved in what is happening. Their line manager has not been told, and the bot will never tell them. Whoever takes the case: please keep this in mind, and do not contact their line manager.",
        "warning",
        cancellationToken);

    /// <summary>
    /// At once, to the case handlers and the escalation contacts, keyed by person: someone who is both is told once.
    /// </summary>
    private Task TellUrgentAsync(SupportReferral referral, CancellationToken cancellationToken) => notices.TellUrgentAudienceAsync(
        referral,
        "urgent",
        "Urgent: someone feels unsafe now",
        $"A member of staff who is being harassed on social media says they feel physically unsafe now (support request {referral.Reference}). A case handler should take it in the Comms channel straight away; the details go to them only.",
        "attention",
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: the line manager could not be told by the bot; case handlers asked to follow up")]
    private static partial void LogManagerUnreachable(ILogger logger, string reference);
}
