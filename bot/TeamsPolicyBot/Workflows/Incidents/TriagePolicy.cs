using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Who may triage incidents: the people in <c>Comms:ApproverIds</c>.</summary>
internal sealed class TriagePolicy(IOptions<CommsOptions> options)
{
    public const string NotATriager = "Only the Communications & Engagement approvers can triage incidents. Nothing has changed.";

    public bool MayTriage(string? actorAadObjectId) =>
        ObjectIds.Includes(options.Value.ApproverIds, actorAadObjectId);
}
