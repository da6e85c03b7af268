using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Who is told what after each stored change to a referral (policy 6.3), all through the durable outbox: the
/// person's "My requests"; the line manager's 1:1 (details only with consent), or the case handlers when the
/// manager cannot be reached; the Comms channel card (reference and urgency only); when urgent, the case handlers
/// and escalation contacts at once (<see cref="UntakenReferralReminder"/> reminds them once if nobody took it);
/// then taking, messages, actions, closing, hand-over and withdrawal. Logs name references only, never typed text.
/// </summary>
internal sealed partial class SupportFollowUp(
    ISupportReferrals referrals,
    IProactiveMessenger messenger,
    SupportCards cards,
    ReferralChannelCard channelCard,
    CaseHandlerPolicy handlers,
    IOptions<EscalationOptions> escalation,
    IOptions<SupportOptions> support,
    IReminders reminders,
    CaseHandlerChoices handOverChoices,
    TimeProvider time,
    ILogger<SupportFollowUp> logger)
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of a case card with the details ("support-case", "HSR-2026-0003", the case handler's object id).</summary>
    public const string CaseCardKind = "support-case";

    /// <summary>A case card with the details, so where it lands is kept (see <see cref="SupportCaseCardDelivery"/>).</summary>
    public static DeliveryTag CaseCardTag(SupportReferral referral, string handlerAadObjectId) => new(CaseCardKind, referral.Reference, handlerAadObjectId);

    public static (string Reference, string HandlerAadObjectId)? CaseCardOf(DeliveryTag? tag) =>
        tag is { Kind: CaseCardKind, Parts: [{ Length: > 0 } reference, { Length: > 0 } handler] } ? (reference, handler) : null;

    private static string StepKey(SupportReferral referral, string step) => ReferralChannelCard.StepKey(referral, step);

    /// <summary>
    /// Everything that follows a stored request. Runs again, unchanged, for a replayed submission (Teams retries an
    /// invoke it got no answer to): the first attempt may have stopped after storing the referral and before telling
    /// anyone, and every message is queued under its own key, so what was queued then is not queued again.
    /// </summary>
    public async Task RequestedAsync(SupportReferral referral, CancellationToken cancellationToken)
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

            await channelCard.PostAsync(referral, cancellationToken);
        }

        await TellManagerAsync(referral, cancellationToken);
    }

    /// <summary>
    /// A case handler took the case: the channel card in place, the details to them alone, the person told. Runs again
    /// for the owner's retried click (each message keyed, so only what the first attempt did not queue goes out).
    /// </summary>
    public async Task<PersonReach> TakenAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var handler = referral.Handler!.By;
        var reach = await SendDetailsAsync(referral, StepKey(referral, "taken/details"), cancellationToken);
        await TellPersonAsync(
            referral,
            "taken/notice",
            "A case handler is looking after your request",
            $"{Cards.Markdown.Escape(handler.Name)} from Communications & Engagement took your request and will contact you here in Teams.",
            "good",
            cancellationToken,
            canWithdraw: true);
        return reach;
    }

    /// <summary>
    /// "Send me the details again": asked for on purpose, so sent again; <paramref name="clickId"/> (the invoke's id) keys it,
    /// so Teams retrying that one click sends it once.
    /// </summary>
    public Task<PersonReach> SendDetailsAgainAsync(SupportReferral referral, string? clickId, CancellationToken cancellationToken) =>
        SendDetailsAsync(referral, clickId is { Length: > 0 } ? StepKey(referral, "details-again/" + clickId) : null, cancellationToken);

    /// <summary>The full details, to the case handler who has the case and nobody else.</summary>
    private async Task<PersonReach> SendDetailsAsync(SupportReferral referral, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var details = Activity.CreateMessage(attachments: await CaseCardAsync(referral, cancellationToken: cancellationToken));
        details.Summary = $"Support case {referral.Reference}: the details";
        var handler = referral.Handler!.By.AadObjectId;
        return await messenger.SendToPersonAsync(handler, details, CaseCardTag(referral, handler), cancellationToken, idempotencyKey);
    }

    /// <summary>
    /// The case card for the case handler who has it, offering the other case handlers to hand it over to while it is
    /// taken (naming them may read the roster: not worth it for a closed or withdrawn case, whose card offers nothing).
    /// </summary>
    public async Task<Attachment> CaseCardAsync(SupportReferral referral, string error = "", CancellationToken cancellationToken = default) =>
        cards.Case(referral, error, referral is { Status: ReferralStatus.Taken, Handler: { } owner } ? await handOverChoices.OthersThanAsync(owner.By.AadObjectId, cancellationToken) : null);

    /// <summary>
    /// The case was handed over: the new case handler gets the case card in their 1:1, the channel card names them (still
    /// nothing about the person), and the person is told who looks after them now. Runs again for a retried click; each
    /// message is keyed by the hand-over's number, so nothing is said twice.
    /// </summary>
    public async Task<PersonReach> HandedOverAsync(SupportReferral referral, CaseHandOver handOver, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var step = Invariant($"handover/{handOver.Number}");
        var reach = await SendDetailsAsync(referral, StepKey(referral, step + "/details"), cancellationToken);
        await ReplaceHandedAwayCaseCardsAsync(referral, handOver.From.By.AadObjectId, cancellationToken);
        await TellPersonAsync(
            referral,
            step + "/notice",
            "Your request has a new case handler",
            $"{Cards.Markdown.Escape(handOver.To.Name)} from Communications & Engagement now looks after your request, and will contact you here in Teams. {Cards.Markdown.Escape(handOver.From.By.Name)} handed it over to them with everything you told us; nobody else sees it.",
            "good",
            cancellationToken,
            canWithdraw: true);
        return reach;
    }

    /// <summary>
    /// Replaces every case card and relayed reply <paramref name="handlerAadObjectId"/> was sent (as far as their deliveries were recorded) with one
    /// without the details, once they handed the case over; nothing while the case is theirs. Once per card and hand-over.
    /// </summary>
    public async Task ReplaceHandedAwayCaseCardsAsync(SupportReferral referral, string handlerAadObjectId, CancellationToken cancellationToken)
    {
        if (referral.HandedAwayBy(handlerAadObjectId) is not { } handOver)
        {
            return;
        }

        foreach (var card in referral.CaseCards.Where(c => Forms.ObjectIds.Same(c.HandlerAadObjectId, handlerAadObjectId)))
        {
            var replacement = Activity.CreateMessage(attachments: cards.HandedOver(referral, handOver));
            replacement.Summary = $"Support case {referral.Reference}: handed over";
            await messenger.UpdateAsync(card.At, replacement, cancellationToken, StepKey(referral, Invariant($"handover/{handOver.Number}/replace/{card.At.ActivityId}")));
        }
    }

    /// <summary>
    /// Relays <paramref name="message"/> to the other side: the person, or the case handler who took the case. Once per message.
    /// A reply to the case handler is kept track of like their case cards, so a hand-over replaces it too.
    /// </summary>
    public Task<PersonReach> MessagedAsync(SupportReferral referral, CaseMessage message, CancellationToken cancellationToken)
    {
        var to = message.FromHandler ? referral.Person.AadObjectId : referral.Handler!.By.AadObjectId;
        var tag = message.FromHandler ? null : CaseCardTag(referral, to);
        var activity = Activity.CreateMessage(attachments: cards.Message(referral, message));
        activity.Summary = message.FromHandler
            ? $"A message about your support request {referral.Reference}"
            : $"A reply on support case {referral.Reference}";
        return messenger.SendToPersonAsync(to, activity, tag, cancellationToken, StepKey(referral, Invariant($"message/{message.Number}")));
    }

    public async Task ActionRecordedAsync(SupportReferral referral, CaseAction action, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        await TellPersonAsync(
            referral,
            Invariant($"action/{referral.EarlierActions + referral.Actions.IndexOf(action) + 1}/notice"),
            "An update on your request",
            $"{Cards.Markdown.Escape(action.Recorded.By.Name)} recorded: {Cards.Markdown.Escape(action.Text)}",
            "accent",
            cancellationToken);
    }

    /// <summary>The case is closed: the index, the channel card, the person told. Runs again for the closer's retried click.</summary>
    public async Task ClosedAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var closed = referral.Closure!;
        var notes = closed.Notes is null ? "" : $"\n\n{Cards.Markdown.Escape(closed.Notes)}";
        await TellPersonAsync(
            referral,
            "closed/notice",
            $"Your request is closed: {SupportChoices.Outcomes.TitleOf(closed.Outcome)}",
            $"{Cards.Markdown.Escape(closed.Closed.By.Name)} closed your support request.{notes}\n\nIf it starts again or you need more support, type \"get support\" at any time. The employee assistance programme and the wellbeing service are there for you too.",
            "good",
            cancellationToken);
    }

    /// <summary>
    /// The person withdrew it: "My requests", the channel card in place (still nothing personal: "Withdrawn" only), and the
    /// case handler who took it, if anyone had, with the person's note. Runs again, unchanged, for the person's retried click.
    /// The line manager is not told: they were told only what the person agreed to when asking, and whether to tell them
    /// it is over is the person's to decide (the person's confirmation says so); a message out of the blue would say more.
    /// An urgent request nobody took: those alerted at once are told they can stand down (the reminder now says nothing).
    /// </summary>
    public async Task WithdrawnAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        if (referral.Handler is not { } handler)
        {
            if (referral.IsUrgent)
            {
                // They were alerted that someone feels unsafe now: let them stand down (still nothing personal).
                await TellUrgentAudienceAsync(
                    referral,
                    "withdrawn/urgent",
                    "No longer needed: an urgent support request was withdrawn",
                    $"The member of staff who asked for support with {referral.Reference} withdrew the request before anyone took it. Nobody needs to take it now.",
                    "good",
                    cancellationToken);
            }

            return;
        }

        var withdrawal = referral.Withdrawal!;
        var note = withdrawal.Reason is { } reason ? $"Their note for you: {Cards.Markdown.Escape(reason)}" : "They left no note.";
        var notice = Activity.CreateMessage(attachments: cards.Notice(
            referral.Reference,
            $"{Cards.Markdown.Escape(referral.Person.Name)} withdrew their support request",
            $"{Cards.Markdown.Escape(referral.Person.Name)} no longer needs support with {referral.Reference} and withdrew it on {Cards.CardDates.DateAndTime(withdrawal.At)}. {note}\n\nNothing more is needed on the case; they can ask again at any time. Their line manager is not told by the bot.",
            "accent"));
        notice.Summary = $"Support case {referral.Reference} was withdrawn";
        if (!(await messenger.SendToPersonAsync(handler.By.AadObjectId, notice, tag: null, cancellationToken, StepKey(referral, "withdrawn/handler"))).IsQueued)
        {
            LogCaseHandlersUnreachable(logger, referral.Reference, 1, 1);
        }
    }

    private async Task TellPersonAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken, bool canWithdraw = false)
    {
        var notice = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style, canWithdraw));
        notice.Summary = $"Your support request {referral.Reference}: {headline}";
        if (!(await messenger.SendToPersonAsync(referral.Person.AadObjectId, notice, tag: null, cancellationToken, StepKey(referral, step))).IsQueued)
        {
            LogPersonUnreachable(logger, referral.Reference);
        }
    }

    /// <summary>
    /// The line manager, once: what the record says was done decides a re-run (told: nothing more; not reached: the
    /// case handlers asked again under the same keys), so a replay never tells the manager twice or records it twice.
    /// </summary>
    private async Task TellManagerAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
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
            var reach = await messenger.SendToPersonAsync(managerId, message, tag: null, cancellationToken, StepKey(referral, "manager"));
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
        return TellCaseHandlersAsync(
            referral,
            "manager-not-reached",
            "Please let a line manager know",
            $"The line manager for support request {referral.Reference} could not be told by the bot: {reason.ToLowerInvariant()}. Whoever takes the case: please let them know another way; the case card says who they are. {sharing}",
            "warning",
            cancellationToken);
    }

    /// <summary>
    /// At once, to the case handlers and the escalation contacts, keyed by person: someone who is both is told once.
    /// </summary>
    private Task TellUrgentAsync(SupportReferral referral, CancellationToken cancellationToken) => TellUrgentAudienceAsync(
        referral,
        "urgent",
        "Urgent: someone feels unsafe now",
        $"A member of staff who is being harassed on social media says they feel physically unsafe now (support request {referral.Reference}). A case handler should take it in the Comms channel straight away; the details go to them only.",
        "attention",
        cancellationToken);

    /// <summary>The case handlers and the escalation contacts, each once (someone on both lists shares one key).</summary>
    private async Task TellUrgentAudienceAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        await TellCaseHandlersAsync(referral, step, headline, detail, style, cancellationToken);
        var unreachable = 0;
        foreach (var contact in escalation.Value.ContactIds)
        {
            var message = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
            message.Summary = $"Support request {referral.Reference}: {headline}";
            if (!(await messenger.SendToPersonAsync(contact, message, tag: null, cancellationToken, StepKey(referral, $"{step}/{contact}"))).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogEscalationUnreachable(logger, referral.Reference, unreachable);
        }
    }

    private async Task TellCaseHandlersAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var unreachable = 0;
        foreach (var handler in handlers.CaseHandlerIds)
        {
            var message = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
            message.Summary = $"Support request {referral.Reference}: {headline}";
            if (!(await messenger.SendToPersonAsync(handler, message, tag: null, cancellationToken, StepKey(referral, $"{step}/{handler}"))).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogCaseHandlersUnreachable(logger, referral.Reference, unreachable, handlers.CaseHandlerIds.Count);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: the line manager could not be told by the bot; case handlers asked to follow up")]
    private static partial void LogManagerUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: could not notify the person: the bot has no personal chat with them")]
    private static partial void LogPersonUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: {Count} escalation contact(s) cannot be reached by the bot yet")]
    private static partial void LogEscalationUnreachable(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Support request {Reference}: {Count} of {Total} case handler(s) cannot be reached by the bot yet")]
    private static partial void LogCaseHandlersUnreachable(ILogger logger, string reference, int count, int total);
}
