using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// An urgent incident that nobody in Comms has taken within <c>Incidents:AcknowledgeWithinMinutes</c>:
/// the Comms thread is reminded and the escalation contacts are told, once (see <see cref="NotTakenInTimeReminder{TRecord, TRefusal}"/>).
/// </summary>
internal sealed class UnacknowledgedIncidentReminder(
    IIncidents incidents,
    NotTakenInTimeNotices notices,
    IOptions<CommsOptions> comms,
    IOptions<IncidentOptions> options,
    IOptions<EscalationOptions> escalation,
    TimeProvider time) : NotTakenInTimeReminder<Incident, IncidentRefusal>(AcknowledgeReminders, incidents, notices, time)
{
    private static readonly ReminderKind AcknowledgeReminders = new("incident", "acknowledge");

    public static ReminderKey Key(Incident incident) => AcknowledgeReminders.For(incident.Reference);

    protected override IncidentTransition RecordNotTakenInTime(Incident incident, DateTimeOffset now) =>
        incident.RecordNotTakenInTime(options.Value.AcknowledgeWithinMinutes, now);

    protected override NotTakenInTimeWords Words(Incident incident, DateTimeOffset now)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"**Reminder:** urgent incident {incident.Reference} has not been taken by anyone in Comms within {options.Value.AcknowledgeWithinMinutes} minutes.");
        var toContacts = $"{text} You are told as an escalation contact. {incident.TriageCard?.ThreadUrl(new CommsChannels(comms).IdOf(CommsChannel.Incidents))}".TrimEnd();
        return new(incident.TriageCard, text, escalation.Value.ContactIds.Select(contact => new NotTakenInTimeNotice(contact, toContacts)));
    }
}
