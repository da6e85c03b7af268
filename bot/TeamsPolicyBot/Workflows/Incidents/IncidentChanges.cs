using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>One state change to a stored incident, exactly once under concurrent clicks (see <see cref="ChangeOutcome{TRecord, TRefusal}"/>).</summary>
internal static class IncidentChanges
{
    public const int Attempts = 5;

    public static Task<ChangeOutcome<Incident, IncidentRefusal>> ApplyAsync(
        this IIncidents incidents, string reference, Func<Incident, IncidentTransition> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<Incident, IncidentRefusal>.ApplyAsync(
            reference,
            incidents.GetAsync,
            incidents.SaveAsync,
            transition,
            Attempts,
            "That incident could not be found.",
            cancellationToken);
}
