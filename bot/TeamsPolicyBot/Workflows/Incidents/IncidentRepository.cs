using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.Incidents;

internal sealed class IncidentRepository(TableStorage storage) : IIncidents
{
    private readonly SubmittedRecordTable<Incident> table = new(storage.GetTable(TableNames.Incidents), IncidentRow.Layout);

    public Task<SubmitResult<Incident>> SubmitAsync(string submissionId, Func<CancellationToken, Task<Incident>> create, CancellationToken cancellationToken = default) =>
        table.SubmitAsync(submissionId, create, cancellationToken);

    public Task<StoredRecord<Incident>?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        table.GetAsync(reference, cancellationToken);

    public Task<SaveResult> SaveAsync(Incident incident, ETag expected, CancellationToken cancellationToken = default) =>
        table.SaveAsync(incident, expected, cancellationToken);
}
