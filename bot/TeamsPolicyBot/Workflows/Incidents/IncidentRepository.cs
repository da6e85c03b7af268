using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <param name="projections">Where the records are shown besides their rows (none for a table on its own, as in storage tests).</param>
internal sealed class IncidentRepository(TableStorage storage, IEnumerable<IRecordProjection<Incident>>? projections = null)
    : RecordStore<Incident, IncidentRefusal>(new SubmittedRecordTable<Incident>(storage.GetTable(TableNames.Incidents), IncidentRow.Layout), RecordKind.Incident, projections ?? []),
      IIncidents;
