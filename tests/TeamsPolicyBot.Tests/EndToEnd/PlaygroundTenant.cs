using System.Text.Json;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>A person in the Playground's tenant: Teams id ("29:..."), Entra object id, name.</summary>
public sealed record PlaygroundPerson(string Id, string AadObjectId, string Name, string Email);

/// <summary>The people the Playground's tenant holds, by their role in the policy.</summary>
public sealed record PlaygroundPeople(
    PlaygroundPerson Staff,
    PlaygroundPerson CommsApprover,
    PlaygroundPerson LineManager,
    PlaygroundPerson SeniorManager,
    PlaygroundPerson OtherStaff,
    PlaygroundPerson CaseHandler);

public sealed record PlaygroundBot(string Id, string Name);

/// <summary>
/// The ids in .m365agentsplayground.yml and the bot settings that point at them, as
/// scripts/playground-ids.cjs reads them: the same source run-local.sh uses, so the tests and a
/// local run configure the bot identically.
/// </summary>
public sealed record PlaygroundTenant(
    IReadOnlyDictionary<string, string> Settings,
    string TenantId,
    PlaygroundBot Bot,
    PlaygroundPeople People,
    string PersonalChatId,
    string GroupChatId,
    string TeamId,
    string GeneralChannelId,
    string CommsChannelId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<PlaygroundTenant> LoadAsync(string ymlPath)
    {
        var (exitCode, stdout, stderr) = await NodeScript.RunAsync("scripts/playground-ids.cjs", ymlPath, "--json");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/playground-ids.cjs failed ({exitCode}): {stderr}");
        }

        return JsonSerializer.Deserialize<PlaygroundTenant>(stdout, Json)
            ?? throw new InvalidOperationException("scripts/playground-ids.cjs printed null.");
    }
}
