using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.Incidents;

internal sealed class IncidentRepository(TableStorage storage)
    : RecordStore<Incident, IncidentTransition, IncidentRefusal>(new SubmittedRecordTable<Incident>(storage.GetTable(TableNames.Incidents), IncidentRow.Layout), RecordKind.Incident),
      IIncidents;
