using System.Security.Claims;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workspace;

/// <summary>Who opened the workspace, and which of the policy's lists name them.</summary>
internal sealed record WorkspaceViewer(string AadObjectId, string Name, bool IsApprover, bool IsCaseHandler, bool IsEscalationContact)
{
    /// <summary>What anyone not on the lists hears (a 403): the workspace shows records only the Comms and support teams may see.</summary>
    public const string Refusal =
        "This workspace is for the Communications & Engagement team, the support case handlers and the escalation contacts. " +
        "To report an incident, ask for an official account or get support, message Social Media Desk in Teams.";

    /// <summary>What a case handler or escalation contact hears when they ask for the register.</summary>
    public const string RegisterRefusal = "Only the Comms approvers can see the register of official accounts.";

    /// <summary>What an escalation contact (neither approver nor case handler) hears when they ask for the trends.</summary>
    public const string TrendsRefusal = "The trends are for the Comms approvers and the support case handlers.";

    public bool IsMember => IsApprover || IsCaseHandler || IsEscalationContact;

    /// <summary>The viewer as <see cref="Visibility"/> knows them: never "in the Comms channel", since the tab is not the channel.</summary>
    public Viewer AsRecordViewer => new(AadObjectId, InCommsChannel: false);

    public IReadOnlyList<string> Roles =>
    [
        .. IsApprover ? ["Comms approver"] : Array.Empty<string>(),
        .. IsCaseHandler ? ["Support case handler"] : Array.Empty<string>(),
        .. IsEscalationContact ? ["Escalation contact"] : Array.Empty<string>(),
    ];
}

/// <summary>Reads the signed-in person from the validated token and places them on the configured lists.</summary>
internal sealed class WorkspaceViewers(ConfiguredPeople people, IOptions<EscalationOptions> escalation)
{
    public WorkspaceViewer Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(WorkspaceClaims.ObjectId)?.Value ?? string.Empty;
        var name = user.FindFirst(WorkspaceClaims.Name)?.Value ?? string.Empty;
        var known = Guid.TryParse(id, out _);
        return new WorkspaceViewer(
            id,
            name,
            known && people.IsCommsApprover(id),
            known && people.IsCaseHandler(id),
            known && ObjectIds.Includes(escalation.Value.ContactIds, id));
    }
}
