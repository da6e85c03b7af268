using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Who may take support cases: the people in <c>Support:CaseHandlerIds</c>.</summary>
internal sealed class CaseHandlerPolicy(IOptions<SupportOptions> options)
{
    public const string NotACaseHandler = "Only the support case handlers can take harassment support cases. Nothing has changed.";

    public bool MayHandle(string? actorAadObjectId) =>
        ObjectIds.Includes(options.Value.CaseHandlerIds, actorAadObjectId);

    public IReadOnlyList<string> CaseHandlerIds => options.Value.CaseHandlerIds.ToList();
}
