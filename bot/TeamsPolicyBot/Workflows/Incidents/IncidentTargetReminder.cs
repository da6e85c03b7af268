using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// A normal incident nobody in Comms has taken by 80% of <c>Targets:TakeIncidentWithin</c>: its triage thread is reminded
/// once (see <see cref="TargetReminder{TRecord}"/>). Urgent ones have their own reminder (<see cref="UnacknowledgedIncidentReminder"/>).
/// </summary>
internal sealed class IncidentTargetReminder(IIncidents incidents, IProactiveMessenger messenger, IOptions<TargetsOptions> targets, TimeProvider time)
    : TargetReminder<Incident>(TakeInTime, incidents, messenger, time)
{
    private static readonly ReminderKind TakeInTime = new("incident", "take-target");

    public static ReminderKey Key(Incident incident) => TakeInTime.For(incident.Reference);

    protected override string Target => "take it";

    protected override TimeSpan Within => targets.Value.TakeIncidentWithin;

    protected override WaitingRecord? StillWaiting(Incident incident, ReminderKey key) =>
        incident is { Status: IncidentStatus.New, IsUrgent: false } ? new(incident.Reference, incident.TriageCard, incident.CreatedAt) : null;
}
