using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// What follows a stored change to an incident: its projections (the reporter's "My requests" entry, the Comms
/// triage card, posted as a new thread by <see cref="TriageChannelCard"/> and then replaced in place), the reporter's
/// notices, questions relayed to the reporter and answers relayed back into the thread, and the
/// escalation contacts' summaries. Everything goes through the durable outbox. A confidential incident
/// (<see cref="Incident.IsConfidential"/>) puts nothing personal in the channel: its details, and the reporter's answers,
/// go to the support case handlers in their chats with the bot.
/// </summary>
internal sealed partial class IncidentFollowUp(
    IIncidents incidents,
    IProactiveMessenger messenger,
    IncidentCards cards,
    TriageChannelCard channelCard,
    IOptions<CommsOptions> comms,
    IOptions<EscalationOptions> escalation,
    IOptions<SupportOptions> support,
    IOptions<IncidentOptions> incidentOptions,
    IReminders reminders,
    TimeProvider time,
    ILogger<IncidentFollowUp> logger)
{
    private static string StepKey(Incident incident, string step) => TriageChannelCard.StepKey(incident, step);

    /// <summary>Policy 6.1, "notified immediately": the triage card goes out as a new Comms thread at once.</summary>
    public async Task ReportedAsync(Incident incident, CancellationToken cancellationToken)
    {
        await incidents.ShowAsync(incident, cancellationToken);
        await channelCard.PostAsync(incident, cancellationToken);
        if (incident.IsConfidential)
        {
            await TellCaseHandlersAsync(
                incident,
                () => Activity.CreateMessage(attachments: cards.CaseHandlerCopy(incident)),
                $"Confidential incident {incident.Reference}: harassment of a member of staff",
                handler => $"{TriageChannelCard.TagKind}/{incident.Reference}/case-handler-copy/{handler}",
                cancellationToken);
        }

        if (incident.IsUrgent)
        {
            var due = incident.CreatedAt.AddMinutes(incidentOptions.Value.AcknowledgeWithinMinutes);
            await reminders.ScheduleAsync(UnacknowledgedIncidentReminder.Key(incident), due, cancellationToken);
        }
    }

    public async Task ChangedAsync(Incident incident, TriageChange change, CancellationToken cancellationToken)
    {
        await incidents.ShowAsync(incident, cancellationToken);
        switch (change)
        {
            case TriageChange.Asked:
                await RelayQuestionAsync(incident, cancellationToken);
                break;
            case TriageChange.Answered:
                await RelayAnswerAsync(incident, cancellationToken);
                break;
            case TriageChange.Escalated:
                await TellReporterAsync(incident, change, cancellationToken);
                await TellEscalationContactsAsync(incident, cancellationToken);
                break;
            default:
                await TellReporterAsync(incident, change, cancellationToken);
                break;
        }
    }

    private async Task TellReporterAsync(Incident incident, TriageChange change, CancellationToken cancellationToken)
    {
        var notice = Activity.CreateMessage(attachments: cards.Notice(incident, change));
        notice.Summary = $"Your report {incident.Reference}: {IncidentIndex.StatusText(incident)}";
        if (!(await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, notice, tag: null, cancellationToken, StepKey(incident, "notice"))).IsQueued)
        {
            LogReporterUnreachable(logger, incident.Reference);
        }
    }

    private async Task RelayQuestionAsync(Incident incident, CancellationToken cancellationToken)
    {
        var question = incident.Questions[^1];
        var message = Activity.CreateMessage(attachments: cards.Question(incident, question));
        message.Summary = $"Comms has a question about your report {incident.Reference}";
        if (!(await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, message, tag: null, cancellationToken, StepKey(incident, "question"))).IsQueued)
        {
            var reporter = incident.IsConfidential ? "the reporter" : Markdown.Escape(incident.Reporter.Name);
            await ReplyInThreadAsync(incident, $"The bot cannot reach {reporter} in a personal chat yet, so question {question.Number.ToString(CultureInfo.InvariantCulture)} was not delivered. Please contact them directly.", cancellationToken);
        }
    }

    /// <summary>Into the Comms thread; for a confidential incident to the support case handlers instead, and the thread hears only that it was answered.</summary>
    private async Task RelayAnswerAsync(Incident incident, CancellationToken cancellationToken)
    {
        var answered = incident.Questions.Where(q => q.IsAnswered).MaxBy(q => q.AnsweredAt)!;
        var number = answered.Number.ToString(CultureInfo.InvariantCulture);
        var answer = $"**{Markdown.Escape(incident.Reporter.Name)} answered question {number}** (\"{Markdown.Escape(answered.Question)}\"):\n\n{Markdown.Escape(answered.Answer)}";
        if (!incident.IsConfidential)
        {
            await ReplyInThreadAsync(incident, answer, cancellationToken);
            return;
        }

        await TellCaseHandlersAsync(
            incident,
            () => Activity.CreateMessage($"Confidential incident {incident.Reference}: {answer}"),
            $"The reporter of {incident.Reference} answered a question",
            handler => StepKey(incident, "answer/" + handler),
            cancellationToken);
        await ReplyInThreadAsync(incident, $"The reporter answered question {number}. This report is confidential, so the answer went to the support case handlers only.", cancellationToken);
    }

    /// <summary>
    /// Each support case handler (<c>Support:CaseHandlerIds</c>) in their chat with the bot, once per key. Those the bot
    /// cannot reach yet are counted in the thread, without the details, so Comms can tell them another way.
    /// </summary>
    private async Task TellCaseHandlersAsync(Incident incident, Func<Activity> message, string summary, Func<string, string> keyFor, CancellationToken cancellationToken)
    {
        var handlers = support.Value.CaseHandlerIds;
        var unreachable = 0;
        foreach (var handler in handlers)
        {
            var activity = message();
            activity.Summary = summary;
            if (!(await messenger.SendToPersonAsync(handler, activity, tag: null, cancellationToken, keyFor(handler))).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogCaseHandlersUnreachable(logger, incident.Reference, unreachable, handlers.Count);
            await ReplyInThreadAsync(
                incident,
                $"The bot cannot reach {unreachable.ToString(CultureInfo.InvariantCulture)} of the {handlers.Count.ToString(CultureInfo.InvariantCulture)} support case handler(s) in a personal chat yet, so this confidential report's details did not reach them. Please ask them to open a chat with the bot.",
                cancellationToken);
        }
    }

    private async Task TellEscalationContactsAsync(Incident incident, CancellationToken cancellationToken)
    {
        var unreachable = new List<string>();
        foreach (var contact in escalation.Value.ContactIds)
        {
            var summary = Activity.CreateMessage(attachments: cards.Escalation(incident, incident.TriageCard?.ThreadUrl(comms.Value.ChannelId) ?? ""));
            summary.Summary = $"Incident {incident.Reference} escalated to you";
            if (!(await messenger.SendToPersonAsync(contact, summary, tag: null, cancellationToken, StepKey(incident, "escalation/" + contact))).IsQueued)
            {
                unreachable.Add(contact);
            }
        }

        if (unreachable.Count == 0)
        {
            return;
        }

        LogEscalationUnreachable(logger, incident.Reference, unreachable.Count);
        var outcome = await incidents.ApplyAsync(incident.Reference, i => i.RecordEscalationNotDelivered(unreachable, time.GetUtcNow()), cancellationToken);
        var current = outcome.Changed ?? incident;
        await channelCard.ShowAsync(current, cancellationToken);
        await ReplyInThreadAsync(
            current,
            $"The escalation summary could not be sent to {unreachable.Count.ToString(CultureInfo.InvariantCulture)} of the {escalation.Value.ContactIds.Count.ToString(CultureInfo.InvariantCulture)} senior management contact(s): the bot cannot message them yet. Please tell them another way and share this thread's link. (Recorded on the incident's history.)",
            cancellationToken);
    }

    private Task ReplyInThreadAsync(Incident incident, string markdown, CancellationToken cancellationToken)
    {
        if (incident.TriageCard is not { } card)
        {
            LogNoThreadYet(logger, incident.Reference);
            return Task.CompletedTask;
        }

        // Keyed by what is said, so the same note for the same state is posted once even if this step runs again.
        var key = StepKey(incident, "thread/" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(markdown)))[..16]);
        return messenger.ReplyInThreadAsync(card, Activity.CreateMessage(markdown), cancellationToken, key);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the reporter of {Reference}: the bot has no personal chat with them")]
    private static partial void LogReporterUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation of {Reference}: {Count} contact(s) cannot be reached by the bot yet")]
    private static partial void LogEscalationUnreachable(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Confidential incident {Reference}: {Count} of {Total} case handler(s) cannot be reached by the bot yet")]
    private static partial void LogCaseHandlersUnreachable(ILogger logger, string reference, int count, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Reference}: no channel thread recorded yet, so the reply was not posted")]
    private static partial void LogNoThreadYet(ILogger logger, string reference);
}
