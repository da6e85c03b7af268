using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests;

internal enum ApprovalRefusal
{
    NotAnApprover,
    OwnRequest,
}

/// <summary>Whether someone may decide; when not, why, in words for them.</summary>
internal sealed record ApprovalPermission(ApprovalRefusal? Refusal, string? Message)
{
    public static ApprovalPermission Allowed { get; } = new(null, null);

    public bool IsAllowed => Refusal is null;
}

/// <summary>
/// Who may approve, reject or ask for changes: the people in <c>Comms:ApproverIds</c>, and never
/// on a request they made themselves.
/// </summary>
internal sealed class ApprovalPolicy(IOptions<CommsOptions> options)
{
    public ApprovalPermission CanDecide(string? actorAadObjectId, AccountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ObjectIds.Includes(options.Value.ApproverIds, actorAadObjectId))
        {
            return new ApprovalPermission(
                ApprovalRefusal.NotAnApprover,
                "Only the Comms team can decide on account requests. Nothing has changed.");
        }

        if (ObjectIds.Same(actorAadObjectId, request.Requester.AadObjectId))
        {
            return new ApprovalPermission(
                ApprovalRefusal.OwnRequest,
                "You made this request, so someone else in the Comms team must decide on it. Nothing has changed.");
        }

        return ApprovalPermission.Allowed;
    }
}
