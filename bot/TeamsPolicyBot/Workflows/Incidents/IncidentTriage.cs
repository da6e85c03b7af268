using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// Comms approvers triaging in the channel: take ownership, ask the reporter, escalate, resolve.
/// Only <c>Comms:ApproverIds</c> may act; anyone else is told so and nothing changes. Each action
/// is one ETag-conditional change, so two clicks at once make one change and one refusal.
/// </summary>
internal sealed class IncidentTriage(
    IIncidents incidents,
    ConfiguredPeople people,
    IncidentCards cards,
    IncidentTriaged triaged,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public const string NotATriager = "Only the Comms team can act on incident reports. Nothing has changed.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // Triaging answers with the working card, to approvers only.
        [IncidentVerbs.Take] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Ask] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Escalate] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Resolve] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Refresh] = VerbRule.BestViewOf(RecordKind.Incident),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var mayTriage = people.IsCommsApprover(actor.AadObjectId);
        if (action.Verb == IncidentVerbs.Refresh)
        {
            // Teams asks for this viewer's own view of the channel card: what the rule lets them see, the buttons only for those who may use them.
            var stored = await incidents.GetAsync(action.GetString(IncidentFields.Reference) ?? string.Empty, cancellationToken);
            return (stored is null ? RecordViews.None : visibility.BestViewOf(turn, stored.Record.People())) switch
            {
                RecordViews.Working => InvokeResponse.Card(cards.Triage(stored!.Record, mayTriage, viewerReadsNotes: visibility.MayReadCommsNotes(turn, stored.Record.People()))),
                RecordViews.Shared => InvokeResponse.Card(cards.Triage(stored!.Record, viewerMayTriage: false)),
                RecordViews.Starter => InvokeResponse.Card(cards.Reported(stored!.Record)),
                _ => InvokeResponse.Message(Visibility.NotFound(RecordKind.Incident)),
            };
        }

        if (!mayTriage)
        {
            return InvokeResponse.Message(NotATriager);
        }

        var now = time.GetUtcNow();
        (Func<Incident, IncidentTransition> transition, TriageChange change) = action.Verb switch
        {
            IncidentVerbs.Take => ((Func<Incident, IncidentTransition>)(i => i.Take(actor, now)), TriageChange.Taken),
            IncidentVerbs.Ask => (i => i.Ask(actor, action.GetString(IncidentFields.Question), now), TriageChange.Asked),
            IncidentVerbs.Escalate => (i => i.Escalate(actor, now), TriageChange.Escalated),
            _ => (i => i.Resolve(actor, action.GetString(IncidentFields.Outcome), action.GetString(IncidentFields.OutcomeNotes), now), TriageChange.Resolved),
        };

        var outcome = await incidents.ApplyAsync(action.GetString(IncidentFields.Reference) ?? string.Empty, transition, cancellationToken);
        if (outcome.Changed is not { } changed)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await triaged.FollowUpAsync(changed, change, cancellationToken);
        return InvokeResponse.Card(cards.Triage(changed, viewerMayTriage: true, viewerReadsNotes: visibility.MayReadCommsNotes(turn, changed.People())));
    }
}

/// <summary>
/// What follows a triage step: the projections (the reporter's "My requests" entry, the triage card in place), the
/// reporter's notice or the question relayed to them, and on escalation the escalation contacts' summaries (those the
/// bot cannot reach are recorded on the incident and named in the thread). Everything goes through the durable outbox.
/// </summary>
internal sealed partial class IncidentTriaged(
    IIncidents incidents,
    IProactiveMessenger messenger,
    IncidentCards cards,
    TriageChannelCard channelCard,
    IncidentThread thread,
    IOptions<CommsOptions> comms,
    IOptions<EscalationOptions> escalation,
    TimeProvider time,
    ILogger<IncidentTriaged> logger)
{
    public async Task FollowUpAsync(Incident incident, TriageChange change, CancellationToken cancellationToken)
    {
        await incidents.ShowAsync(incident, cancellationToken);
        switch (change)
        {
            case TriageChange.Asked:
                await RelayQuestionAsync(incident, cancellationToken);
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
        if (!(await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, notice, tag: null, cancellationToken, TriageChannelCard.StepKey(incident, "notice"))).IsQueued)
        {
            LogReporterUnreachable(logger, incident.Reference);
        }
    }

    private async Task RelayQuestionAsync(Incident incident, CancellationToken cancellationToken)
    {
        var question = incident.Questions[^1];
        var message = Activity.CreateMessage(attachments: cards.Question(incident, question));
        message.Summary = $"Comms has a question about your report {incident.Reference}";
        if (!(await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, message, tag: null, cancellationToken, TriageChannelCard.StepKey(incident, "question"))).IsQueued)
        {
            var reporter = incident.IsConfidential ? "the reporter" : Markdown.Escape(incident.Reporter.Name);
            await thread.ReplyAsync(incident, $"The bot cannot reach {reporter} in a personal chat yet, so question {question.Number.ToString(CultureInfo.InvariantCulture)} was not delivered. Please contact them directly.", cancellationToken);
        }
    }

    private async Task TellEscalationContactsAsync(Incident incident, CancellationToken cancellationToken)
    {
        var unreachable = new List<string>();
        foreach (var contact in escalation.Value.ContactIds)
        {
            var summary = Activity.CreateMessage(attachments: cards.Escalation(incident, incident.TriageCard?.ThreadUrl(new CommsChannels(comms).IdOf(CommsChannel.Incidents)) ?? ""));
            summary.Summary = $"Incident {incident.Reference} escalated to you";
            if (!(await messenger.SendToPersonAsync(contact, summary, tag: null, cancellationToken, TriageChannelCard.StepKey(incident, "escalation/" + contact))).IsQueued)
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
        await thread.ReplyAsync(
            current,
            $"The escalation summary could not be sent to {unreachable.Count.ToString(CultureInfo.InvariantCulture)} of the {escalation.Value.ContactIds.Count.ToString(CultureInfo.InvariantCulture)} senior management contact(s): the bot cannot message them yet. Please tell them another way and share this thread's link. (Recorded on the incident's history.)",
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the reporter of {Reference}: the bot has no personal chat with them")]
    private static partial void LogReporterUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation of {Reference}: {Count} contact(s) cannot be reached by the bot yet")]
    private static partial void LogEscalationUnreachable(ILogger logger, string reference, int count);
}
