using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>How an incident appears in "My requests".</summary>
internal static class IncidentIndex
{
    public const string Kind = "Incident report";

    public static MyRequestItem ToMyRequestItem(this Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new MyRequestItem(incident.Reporter.AadObjectId, incident.Reference, Kind, incident.Details.Title, StatusText(incident), incident.CreatedAt, incident.UpdatedAt);
    }

    /// <summary>The reporter's words for the status ("Resolved: action has been taken" after a disciplinary referral).</summary>
    public static string StatusText(Incident incident) => incident.Status switch
    {
        IncidentStatus.New => incident.Escalation is null ? "Sent to Comms" : "Escalated",
        IncidentStatus.Taken => incident.Escalation is null ? "Comms is on it" : "Escalated",
        _ => incident.Resolution!.StatusForReporter,
    };
}
