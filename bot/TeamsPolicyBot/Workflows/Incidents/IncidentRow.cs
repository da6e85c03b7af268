using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// One partition <c>incident</c>: rows <c>incident-{reference}</c> and <c>submission-{submissionId}</c>. The
/// whole record is JSON in <c>Record</c> (spread over <c>Record1</c>… as questions and audit grow); the plain
/// columns beside it are for people browsing the table and future filters (e.g. urgent and not yet taken). Old
/// answered questions and old history move to child rows <c>incident-{reference}.questions.…</c> and <c>.audit.…</c>
/// (see <see cref="Incident.MoveOldEntries"/>).
/// </summary>
internal static class IncidentRow
{
    public const string Partition = "incident";
    private const string RecordColumn = "Record";

    public static SubmittedRecordLayout<Incident> Layout { get; } = new(
        Partition,
        "incident-",
        incident => incident.Reference,
        (incident, submissionId) => incident with { SubmissionId = incident.SubmissionId ?? submissionId },
        ToEntity,
        FromEntity)
    {
        MoveOldEntries = incident => incident.MoveOldEntries(),
    };

    public static TableEntity ToEntity(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var entity = new TableEntity(Partition, Layout.RecordRow(incident.Reference))
        {
            [nameof(Incident.Reference)] = incident.Reference,
            [nameof(Incident.Status)] = incident.Status.ToString(),
            ["Urgency"] = incident.Details.Urgency.ToString(),
            ["Kind"] = incident.Details.Kind.ToString(),
            ["ReporterAadObjectId"] = incident.Reporter.AadObjectId,
            ["OwnerAadObjectId"] = incident.Owner?.By.AadObjectId,
            ["Escalated"] = incident.Escalation is not null,
            [nameof(Incident.CreatedAt)] = incident.CreatedAt,
            [nameof(Incident.UpdatedAt)] = incident.UpdatedAt,
        };
        RecordColumns.WriteChunked(entity, RecordColumn, RecordColumns.ToJson(incident)!);
        return entity;
    }

    public static Incident FromEntity(TableEntity entity) =>
        RecordColumns.FromJson<Incident>(RecordColumns.ReadChunked(entity, RecordColumn))
        ?? throw new InvalidOperationException($"Incident row {entity.RowKey} has no record.");
}
