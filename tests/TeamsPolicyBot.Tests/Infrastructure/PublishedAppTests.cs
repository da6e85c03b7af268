using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Infrastructure;

/// <summary>
/// scripts/deploy.sh against a stand-in for the Azure CLI (the deployment's outputs feed the publish step and the zip
/// deployment), and what App Service then runs: the published zip, started as Azure starts it (Production, a managed
/// identity and no secret, Application Insights on), answers /healthz and logs JSON lines.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PublishedAppTests(AzuriteFixture azurite)
{
    private const string BotId = "5d3a0b7e-8c1f-4e2a-9b6d-7f0e1c2a3b4d";
    private const string Domain = "smdesk-test-bot.azurewebsites.net";

    [Fact]
    public async Task Deploy_runs_the_infrastructure_then_ships_a_zip_that_starts_in_Production_as_a_managed_identity()
    {
        var output = Directory.CreateTempSubdirectory("teamspolicybot-publish-");
        try
        {
            var azCalls = await DeployAsync(output.FullName);

            // The infrastructure first, then the zip built with its outputs, to the web app it created.
            Assert.Equal(2, azCalls.Length);
            Assert.Equal("deployment group create -g rg-test -f infra/main.bicep -p infra/main.bicepparam --query properties.outputs -o json", azCalls[0]);
            Assert.Equal($"webapp deploy -g rg-test -n smdesk-test-bot --src-path {output.FullName}/bot.zip --type zip", azCalls[1]);

            // What Azure gets: the app zip with the bot and its card templates at its root, and the Teams package.
            using (var zip = ZipFile.OpenRead(Path.Combine(output.FullName, "bot.zip")))
            {
                Assert.Contains(zip.Entries, e => e.FullName == "TeamsPolicyBot.dll");
                Assert.Contains(zip.Entries, e => e.FullName == "cards/shared/welcome.json");
                Assert.Contains(zip.Entries, e => e.FullName == "appsettings.Production.json");
            }

            using (var package = ZipFile.OpenRead(Path.Combine(output.FullName, "appPackage.zip")))
            {
                using var manifest = JsonDocument.Parse(package.GetEntry("manifest.json")!.Open());
                Assert.Equal(BotId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
                Assert.Contains(Domain, manifest.RootElement.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
            }

            await using var ingestion = await LoopbackHttpServer.StartAsync(endpoints => endpoints.MapFallback(() => "{}"));
            var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
            // App Service starts the app in its own folder (/home/site/wwwroot), where appsettings*.json are found.
            var appFolder = Path.Combine(output.FullName, "app");
            await using var app = LinkedProcess.Start("The published bot", "dotnet", [Path.Combine(appFolder, "TeamsPolicyBot.dll"), "--urls", url], appFolder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["MicrosoftAppType"] = "UserAssignedMSI",
                ["MicrosoftAppId"] = BotId,
                ["MicrosoftAppTenantId"] = "8e1c2b3a-0f4d-4c5e-a6b7-c8d9e0f1a2b3",
                // Azurite speaks only shared keys over http; on Azure, infra/ sets TableStorage__Endpoint instead.
                ["ConnectionStrings__Tables"] = azurite.ConnectionString,
                ["TableStorage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={ingestion.BaseAddress}",
                ["Comms__TeamId"] = "19:comms-team@thread.tacv2",
                ["Comms__ChannelId"] = "19:comms-approvals@thread.tacv2",
                ["Comms__ApproverIds__0"] = BotApplicationFactory.ApproverAadId,
                ["Escalation__ContactIds__0"] = BotApplicationFactory.SeniorManagerAadId,
                ["Support__CaseHandlerIds__0"] = BotApplicationFactory.ApproverAadId,
            });
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            await app.WaitUntilAnswersAsync(http, new Uri($"{url}/healthz"), TimeSpan.FromSeconds(60));

            Assert.Equal("Healthy", await http.GetStringAsync(new Uri($"{url}/healthz")));
            // Production logs are JSON lines a log pipeline can read (appsettings.Production.json).
            var logLines = app.Output.Split(Environment.NewLine).Where(line => line.StartsWith('{')).ToList();
            Assert.True(logLines.Count > 0, $"No JSON log line in:{Environment.NewLine}{app.Output}");
            Assert.All(logLines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("Category", out _), line));
            // ...and quiet: warnings and above from ASP.NET Core's per-request logging.
            Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>Runs scripts/deploy.sh with a fake <c>az</c> first on PATH; returns the az command lines it ran.</summary>
    private static async Task<string[]> DeployAsync(string folder)
    {
        var bin = Path.Combine(folder, "fake-az");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(folder, "az-calls.log");
        var az = Path.Combine(bin, "az");
        // What `az deployment group create --query properties.outputs` prints for infra/main.bicep.
        var outputs = JsonSerializer.Serialize(new
        {
            messagingEndpoint = new { value = $"https://{Domain}/api/messages" },
            botAppId = new { value = BotId },
            botDomain = new { value = Domain },
            webAppName = new { value = "smdesk-test-bot" },
        });
        await File.WriteAllTextAsync(az, $"""
            #!/usr/bin/env bash
            echo "$*" >> '{log}'
            if [[ "$1 $2" == "deployment group" ]]; then
              echo '{outputs}'
            fi
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var deploy = await ChildProcess.RunAsync(
            Path.Combine(RepoPaths.Root, "scripts", "deploy.sh"),
            ["rg-test"],
            RepoPaths.Root,
            new Dictionary<string, string?> { ["PUBLISH_DIR"] = folder, ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" },
            TimeSpan.FromMinutes(5));
        Assert.True(deploy.ExitCode == 0, $"deploy.sh failed:{Environment.NewLine}{deploy.Describe()}");
        return await File.ReadAllLinesAsync(log);
    }
}
