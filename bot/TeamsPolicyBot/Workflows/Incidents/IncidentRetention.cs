using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Incident reports under the retention schedule: a resolved one goes <c>Retention:Incidents</c> after its resolution.</summary>
internal sealed class IncidentRetention(TableStorage storage, IMyRequests myRequests, IReminders reminders)
    : SubmittedRecordRetention<Incident>(new(storage.GetTable(TableNames.Incidents), IncidentRow.Layout), myRequests, reminders, incident => incident.ToMyRequestItem())
{
    public override string Kind => "Incidents";

    protected override IReadOnlyCollection<string> EndedStatuses { get; } = [nameof(IncidentStatus.Resolved)];

    public override TimeSpan PeriodOf(RetentionOptions options) => options.Incidents;

    protected override DateTimeOffset? EndedAt(Incident record) => record.Resolution?.Resolved.At;

    protected override MessageLocation? ChannelCardOf(Incident record) => record.TriageCard;

    protected override IEnumerable<string?> PeopleIn(Incident record) =>
        [record.Reporter.AadObjectId, record.Owner?.By.AadObjectId, record.Escalation?.By.AadObjectId, record.Resolution?.Resolved.By.AadObjectId];

    protected override IEnumerable<ReminderKey> RemindersOf(Incident record) => [UnacknowledgedIncidentReminder.Key(record)];
}
