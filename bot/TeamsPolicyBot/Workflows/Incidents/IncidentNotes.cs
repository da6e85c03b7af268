using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// A Comms approver adding a note for the Comms team on an incident. Only an approver who did not report it may; anyone
/// else is refused and nothing changes. The note is kept on the incident and shown only on the approvers' own view of the
/// triage card; the reporter hears nothing of it. On a confidential incident it goes to the support case handlers instead
/// (see <see cref="IncidentCards.ConfidentialNoteLabel"/>). Its words are never logged.
/// </summary>
internal sealed class IncidentNotes(IIncidents incidents, IncidentCards cards, IncidentThread thread, Visibility visibility, TimeProvider time) : ICardActionHandler
{
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // Answers with the approver's own working card, notes included.
        [IncidentVerbs.Note] = new(RecordKind.Incident, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var reference = action.GetString(IncidentFields.Reference) ?? string.Empty;
        var stored = await incidents.GetAsync(reference, cancellationToken);
        if (stored is null || !visibility.May(turn, stored.Record.People(), RecordViews.Working))
        {
            // Someone outside the Comms team hears the same refusal as for any triage step, and nothing of the incident.
            return InvokeResponse.Message(stored is null ? Visibility.NotFound(RecordKind.Incident) : IncidentTriage.NotATriager);
        }

        var actor = turn.Actor();
        var outcome = await incidents.ApplyAsync(reference, incident => incident.AddNote(actor, action.GetString(CommsNotes.Field), time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } noted)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        // The channel card's history gains "Note added" (never the note), and its update makes Teams refresh each
        // approver's own view, so the others see the note too. Nothing goes to the reporter.
        await incidents.ShowAsync(noted, cancellationToken);
        if (noted.IsConfidential)
        {
            await TellCaseHandlersAsync(noted, cancellationToken);
        }

        return InvokeResponse.Card(cards.Triage(noted, viewerMayTriage: true, viewerReadsNotes: true));
    }

    private Task TellCaseHandlersAsync(Incident incident, CancellationToken cancellationToken)
    {
        var note = incident.Notes[^1];
        var text = $"Confidential incident {incident.Reference}: **{NoteLine.Of(note).Heading}**, from the Comms team for the support case handlers only:\n\n{Markdown.Escape(note.Text)}";
        return thread.TellCaseHandlersAsync(
            incident,
            () => Activity.CreateMessage(text),
            $"A note from the Comms team on {incident.Reference}",
            handler => TriageChannelCard.StepKey(incident, "note/" + handler),
            cancellationToken);
    }
}
