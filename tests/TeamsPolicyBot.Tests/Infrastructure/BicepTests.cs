using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Infrastructure;

/// <summary>
/// infra/ builds and lints cleanly with the Bicep CLI (restored from NuGet with the tests), and the template it
/// compiles to deploys what the README promises: no keys or secrets anywhere, HTTPS only, a health check, and a bot
/// bound to the managed identity with Teams switched on.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Infra = Path.Combine(RepoPaths.Root, "infra");

    public static TheoryData<string> BicepFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Infra, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_Bicep_file_lints_without_errors_or_warnings(string file)
    {
        var (exitCode, output) = await BicepAsync("lint", Path.Combine(Infra, file));

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"bicep lint {file}: exit code {exitCode}{Environment.NewLine}{output}");
    }

    [Fact]
    public async Task The_parameters_file_builds_against_the_template_without_warnings()
    {
        var (exitCode, output) = await BicepAsync("build-params", Path.Combine(Infra, "main.bicepparam"), "--stdout");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_holds_no_key_or_secret_and_deploys_a_locked_down_service()
    {
        var json = await CompiledTemplateAsync();
        var template = JsonNode.Parse(json)!;

        // Nothing reads a key or creates a secret: the identity is the only credential.
        Assert.DoesNotContain("listKeys", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", json, StringComparison.Ordinal);
        Assert.DoesNotContain("MicrosoftAppPassword", json, StringComparison.Ordinal);

        var storage = Resource(template, "Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("StorageV2", Resource(template, "Microsoft.Storage/storageAccounts")["kind"]!.GetValue<string>());

        // The identity's only role: Storage Table Data Contributor, on the storage account.
        var identityModule = Assert.Single(Resources(template, "Microsoft.Resources/deployments"), d => d["name"]!.GetValue<string>() == "identity")["properties"]!["template"]!;
        var role = Resource(identityModule, "Microsoft.Authorization/roleAssignments");
        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageTableDataContributor'))]", role["properties"]!["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", identityModule["variables"]!["storageTableDataContributor"]!.GetValue<string>());

        var site = Resource(template, "Microsoft.Web/sites");
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        var config = site["properties"]!["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", config["ftpsState"]!.GetValue<string>());
        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.Equal("/healthz", config["healthCheckPath"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.All(Resources(template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies"), policy => Assert.False(policy["properties"]!["allow"]!.GetValue<bool>()));

        var bot = Resource(template, "Microsoft.BotService/botServices")["properties"]!;
        Assert.Equal("UserAssignedMSI", bot["msaAppType"]!.GetValue<string>());
        var teams = Resource(template, "Microsoft.BotService/botServices/channels")["properties"]!;
        Assert.Equal("MsTeamsChannel", teams["channelName"]!.GetValue<string>());
        Assert.True(teams["properties"]!["isEnabled"]!.GetValue<bool>());

        var outputs = template["outputs"]!.AsObject();
        Assert.Contains("messagingEndpoint", outputs.Select(o => o.Key));
        Assert.Contains("botAppId", outputs.Select(o => o.Key));
    }

    [Fact]
    public async Task The_web_app_gets_every_setting_the_bot_validates_at_start_with_the_bots_own_names()
    {
        var json = await CompiledTemplateAsync();

        foreach (var setting in new[]
        {
            "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "TableStorage__Endpoint", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "Comms__TeamId", "Comms__ChannelId", "Comms__ApproverIds__", "Escalation__ContactIds__", "Support__CaseHandlerIds__", "AZURE_CLIENT_ID",
        })
        {
            // A setting's name opens a JSON string or, inside an ARM expression, a quoted literal.
            Assert.Matches($"[\"']{Regex.Escape(setting)}", json);
        }
    }

    [Fact]
    public async Task Each_workflow_can_be_given_its_own_Comms_channel_and_without_one_gets_no_setting()
    {
        var json = await CompiledTemplateAsync();

        foreach (var (parameter, setting) in new[]
        {
            ("commsAccountRequestsChannelId", "Comms__Channels__AccountRequests"),
            ("commsIncidentsChannelId", "Comms__Channels__Incidents"),
            ("commsSupportChannelId", "Comms__Channels__Support"),
        })
        {
            // Set only when the parameter is not empty: an empty setting would read as a channel of its own.
            Assert.Matches($@"empty\(parameters\('{parameter}'\)\), createArray\(\), createArray\(createObject\('name', '{setting}', 'value', parameters\('{parameter}'\)\)\)", json);
        }
    }

    /// <summary>main.bicep as ARM JSON text, modules inlined as nested deployments.</summary>
    private static async Task<string> CompiledTemplateAsync()
    {
        var (exitCode, output) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, output);
        return output;
    }

    private static JsonNode Resource(JsonNode template, string type) => Assert.Single(Resources(template, type));

    /// <summary>Every resource of a type, in the template and in its nested (module) deployments.</summary>
    private static IEnumerable<JsonNode> Resources(JsonNode template, string type)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonNode>(),
            JsonObject map => map.Select(pair => pair.Value).OfType<JsonNode>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            if (resource["type"]?.GetValue<string>() == type)
            {
                yield return resource;
            }

            if (resource["properties"]?["template"] is { } nested)
            {
                foreach (var inner in Resources(nested, type))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> BicepAsync(params string[] arguments)
    {
        var bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        // Offline: no telemetry.
        var result = await ChildProcess.RunAsync(bicep, arguments, RepoPaths.Root, new Dictionary<string, string?> { ["BICEP_TELEMETRY_ENABLED"] = "false" }, TimeSpan.FromMinutes(2));
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
