using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>
/// The workspace page in headless Chromium on the local run (workspace-page.cjs): signed in through "Sign in as", it shows
/// the seeded queue, trends (charts drawn, each with its data table) and register, wide, at 320px and in the dark theme, with no serious or critical axe-core violation.
/// Screenshots: test-output/workspace/.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkspacePageTests(AzuriteFixture azurite)
{
    private static readonly string Script = Path.Combine("tests", "TeamsPolicyBot.Tests", "Workspace", "workspace-page.cjs");
    private static readonly string Screenshots = Path.Combine(RepoPaths.Root, "test-output", "workspace");

    [Fact]
    public async Task The_queue_trends_and_register_read_well_and_pass_axe_wide_narrow_and_dark()
    {
        var port = FreePort.Next();
        await using var app = new BotApplicationFactory(azurite)
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(WorkspaceSeed.Now))));
        app.UseKestrel(port);
        app.StartServer();
        await WorkspaceSeed.SeedAsync(app.Services);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var run = await NodeScript.RunAsync(Script, [new Uri(new Uri(address), "/workspace").ToString(), Screenshots]);

        Assert.True(run.ExitCode == 0, run.Describe());
        var views = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["wide", "table-open", "filtered", "narrow-320px", "dark"], views.Select(view => view.GetProperty("view").GetString()));
        Assert.All(views, view =>
        {
            Assert.True(File.Exists(view.GetProperty("screenshot").GetString()));
            Assert.True(view.GetProperty("violations").GetArrayLength() == 0, $"axe-core in the {view.GetProperty("view")} view: {view.GetProperty("violations")}");
            Assert.Equal(5, view.GetProperty("queueRows").GetInt32());
            Assert.Equal(["Past", "Past", "Near", "On track", "On track"], view.GetProperty("states").EnumerateArray().Select(state => state.GetString()));
        });
        Assert.Equal("Accounts 1 to 2 of 2.", views[0].GetProperty("range").GetString());
        Assert.Equal("No accounts match.", views[2].GetProperty("range").GetString());

        // At 320px the page itself does not scroll sideways; only the tables do, inside their regions.
        Assert.False(views[3].GetProperty("overflow").GetBoolean(), "The page is wider than a 320px viewport.");

        // The first person offered is an approver and a case handler: every chart, each drawn and with its table.
        Assert.All(views, view =>
        {
            var charts = view.GetProperty("charts").EnumerateArray().ToList();
            Assert.Equal(
                ["Account requests each month", "Account requests: where they stand", "Incidents reported each month", "Incidents by platform", "Incidents by kind", "Incidents: where they stand", "Support referrals each month"],
                charts.Select(chart => chart.GetProperty("title").GetString()));
            Assert.All(charts, chart => Assert.True(chart.GetProperty("drawn").GetBoolean(), $"Nothing drawn for {chart.GetProperty("title")} in the {view.GetProperty("view")} view."));
            Assert.Equal([12, 5, 12, 4, 4, 4, 12], charts.Select(chart => chart.GetProperty("tableRows").GetInt32()));
            Assert.Equal(3, view.GetProperty("waits").GetArrayLength());
        });
    }
}
