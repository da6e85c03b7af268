using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The <c>Incidents</c> section.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Incidents";

    /// <summary>How long an urgent incident may wait for someone in Comms to take it before the channel and the escalation contacts are reminded.</summary>
    [SettingRange(1, 24 * 60, ErrorMessage = "Incidents:AcknowledgeWithinMinutes must be between 1 and 1440 minutes.")]
    public int AcknowledgeWithinMinutes { get; set; } = 30;
}
