using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The incident records. Every change is conditional on the ETag it was read with.</summary>
internal interface IIncidents : IRecordStore<Incident, IncidentRefusal>;
