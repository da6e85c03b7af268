using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Records;

/// <summary>
/// Who the settings name for each job: the Comms approvers (<c>Comms:ApproverIds</c>), who decide account requests and
/// triage incidents, and the support case handlers (<c>Support:CaseHandlerIds</c>), who take harassment support cases.
/// </summary>
internal sealed class ConfiguredPeople(IOptions<CommsOptions> comms, IOptions<SupportOptions> support)
{
    public bool IsCommsApprover(string? aadObjectId) => ObjectIds.Includes(comms.Value.ApproverIds, aadObjectId);

    public bool IsCaseHandler(string? aadObjectId) => ObjectIds.Includes(support.Value.CaseHandlerIds, aadObjectId);

    public IReadOnlyList<string> CaseHandlerIds => [.. support.Value.CaseHandlerIds];
}
