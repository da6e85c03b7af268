using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// An urgent incident that nobody in Comms has taken within <c>Incidents:AcknowledgeWithinMinutes</c>:
/// the Comms thread is reminded and the escalation contacts are told, once. The durable reminder
/// fires on one instance only; if that instance dies part-way, the reminder runs again and the
/// record and the idempotency keys make sure nothing is said twice.
/// </summary>
internal sealed class UnacknowledgedIncidentReminder(
    IIncidents incidents,
    NotTakenInTimeNotices notices,
    IOptions<CommsOptions> comms,
    IOptions<IncidentOptions> options,
    IOptions<EscalationOptions> escalation,
    TimeProvider time) : IReminderHandler
{
    private static readonly ReminderKey Keys = new("incident/", "/acknowledge");

    public static string Key(Incident incident) => Keys.For(incident.Reference);

    public async Task HandleAsync(string key, CancellationToken cancellationToken)
    {
        if (Keys.ReferenceIn(key) is not { } reference)
        {
            return;
        }

        var minutes = options.Value.AcknowledgeWithinMinutes;
        var outcome = await incidents.ApplyAsync(reference, incident => incident.RecordNotTakenInTime(minutes, time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } incident)
        {
            return; // taken in time, or gone
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"**Reminder:** urgent incident {reference} has not been taken by anyone in Comms within {minutes} minutes.");
        var toContacts = $"{text} You are told as an escalation contact. {incident.TriageCard?.ThreadUrl(comms.Value.ChannelId)}".TrimEnd();
        await notices.SendAsync(key, reference, incident.TriageCard, text, escalation.Value.ContactIds.Select(contact => new NotTakenInTimeNotice(contact, toContacts)), cancellationToken);
    }
}
