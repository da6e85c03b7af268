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
    TriagePolicy policy,
    IncidentCards cards,
    IncidentFollowUp followUp,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
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
        var mayTriage = policy.MayTriage(actor.AadObjectId);
        if (action.Verb == IncidentVerbs.Refresh)
        {
            // Teams asks for this viewer's own view of the channel card: what the rule lets them see, the buttons only for those who may use them.
            var stored = await incidents.GetAsync(action.GetString(IncidentFields.Reference) ?? string.Empty, cancellationToken);
            return (stored is null ? RecordViews.None : visibility.BestViewOf(turn, stored.Record.People())) switch
            {
                RecordViews.Working => InvokeResponse.Card(cards.Triage(stored!.Record, mayTriage)),
                RecordViews.Shared => InvokeResponse.Card(cards.Triage(stored!.Record, viewerMayTriage: false)),
                RecordViews.Starter => InvokeResponse.Card(cards.Reported(stored!.Record)),
                _ => InvokeResponse.Message(Visibility.NotFound(RecordKind.Incident)),
            };
        }

        if (!mayTriage)
        {
            return InvokeResponse.Message(TriagePolicy.NotATriager);
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

        await followUp.ChangedAsync(changed, change, cancellationToken);
        return InvokeResponse.Card(cards.Triage(changed, viewerMayTriage: true));
    }
}
