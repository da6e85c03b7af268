using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.Support;

namespace TeamsPolicyBot.Tests.Infrastructure;

/// <summary>
/// What App Service runs: scripts/publish.sh's zip, started as Azure starts it (Production, a managed identity and no
/// secret, Application Insights on), answers /healthz and logs JSON lines.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PublishedAppTests(AzuriteFixture azurite)
{
    private const string BotId = "5d3a0b7e-8c1f-4e2a-9b6d-7f0e1c2a3b4d";
    private const string Domain = "smdesk-test-bot.azurewebsites.net";

    [Fact]
    public async Task The_published_zip_starts_in_Production_as_a_managed_identity_and_answers_healthz()
    {
        var output = Directory.CreateTempSubdirectory("teamspolicybot-publish-");
        try
        {
            await PublishAsync(output.FullName);

            // What Azure gets: the app zip with the bot and its card templates at its root, and the Teams package.
            using (var zip = ZipFile.OpenRead(Path.Combine(output.FullName, "bot.zip")))
            {
                Assert.Contains(zip.Entries, e => e.FullName == "TeamsPolicyBot.dll");
                Assert.Contains(zip.Entries, e => e.FullName == "cards/welcome/welcome.json");
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

    private static async Task PublishAsync(string folder)
    {
        var start = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "publish.sh"))
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(folder);
        start.Environment["BOT_ID"] = BotId;
        start.Environment["BOT_DOMAIN"] = Domain;
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, $"publish.sh failed:{Environment.NewLine}{await stdout}{await stderr}");
    }
}
