
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The incident records. Every change is conditional on the ETag it was read with.</summary>
internal interface IIncidents
{
    /// <summary>
    /// Stores the incident built by <paramref name="create"/> unless this <paramref name="submissionId"/> already
    /// produced one (Teams retried the invoke), in which case that one comes back with Created false.
    /// </summary>
    Task<SubmitResult<Incident>> SubmitAsync(string submissionId, Func<CancellationToken, Task<Incident>> create, CancellationToken cancellationToken = default);

    Task<StoredRecord<Incident>?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored incident only if it still has the <paramref name="expected"/> ETag.</summary>
    Task<SaveResult> SaveAsync(Incident incident, Azure.ETag expected, CancellationToken cancellationToken = default);
}
