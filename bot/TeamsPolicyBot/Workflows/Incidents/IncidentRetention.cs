using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Incident reports under the retention schedule: a resolved one goes <c>Retention:Incidents</c> after its resolution.</summary>
internal sealed class IncidentRetention(TableStorage storage, IMyRequests myRequests, IReminders reminders, IOptions<EscalationOptions>? escalation = null)
    : SubmittedRecordRetention<Incident>(new(storage.GetTable(TableNames.Incidents), IncidentRow.Layout), myRequests, reminders, incident => incident.ToMyRequestItem())
{
    public override string Kind => "Incidents";

    protected override IReadOnlyCollection<string> EndedStatuses { get; } = [nameof(IncidentStatus.Resolved)];

    public override TimeSpan PeriodOf(RetentionOptions options) => options.Incidents;

    protected override DateTimeOffset? EndedAt(Incident record) => record.Resolution?.Resolved.At;

    protected override MessageLocation? ChannelCardOf(Incident record) => record.TriageCard;

    protected override IEnumerable<string> RolesOf(Incident record, string objectId)
    {
        if (Same(record.Reporter.AadObjectId, objectId))
        {
            yield return "reporter";
        }

        if (Same(record.Owner?.By.AadObjectId, objectId))
        {
            yield return "triaged it (Comms)";
        }

        if (Same(record.Escalation?.By.AadObjectId, objectId))
        {
            yield return "escalated it";
        }

        // Not stored on the record: the contacts configured are the ones the escalation told.
        if (record.Escalation is not null && escalation?.Value.ContactIds.Any(contact => Same(contact, objectId)) == true)
        {
            yield return "escalation contact (told)";
        }

        if (Same(record.Resolution?.Resolved.By.AadObjectId, objectId))
        {
            yield return "resolved it";
        }

        if (record.Questions.Any(question => Same(question.Asked.By.AadObjectId, objectId)))
        {
            yield return "asked the reporter a question";
        }

        if (record.Notes.Any(note => Same(note.Added.By.AadObjectId, objectId)))
        {
            yield return "note author (Comms)";
        }
    }

    protected override IEnumerable<string?> PeopleIn(Incident record) =>
        [record.Reporter.AadObjectId, record.Owner?.By.AadObjectId, record.Escalation?.By.AadObjectId, record.Resolution?.Resolved.By.AadObjectId];

    protected override IEnumerable<ReminderKey> RemindersOf(Incident record) => [UnacknowledgedIncidentReminder.Key(record), IncidentTargetReminder.Key(record)];
}
