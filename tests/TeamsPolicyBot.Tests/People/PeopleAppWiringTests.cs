using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.People;

/// <summary>The app itself (Program.cs) picks the manager lookup from its settings.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PeopleAppWiringTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_local_run_uses_Directory_Managers()
    {
        await using var app = new BotApplicationFactory(azurite);
        app.Settings[$"Directory:Managers:{BotApplicationFactory.StaffAadId}"] = BotApplicationFactory.SeniorManagerAadId;

        var result = await app.Services.GetRequiredService<IManagerDirectory>().FindManagerAsync(BotApplicationFactory.StaffAadId, CancellationToken.None);

        Assert.Equal(new ManagerFound(new Manager(BotApplicationFactory.SeniorManagerAadId)), result);
    }

    [Fact]
    public async Task With_Graph_enabled_the_app_asks_Graph()
    {
        await using var app = new BotApplicationFactory(azurite, environment: "Production");
        app.Settings["MicrosoftAppId"] = FakeGraph.AppId;
        app.Settings["MicrosoftAppPassword"] = FakeGraph.AppPassword;
        app.Settings["MicrosoftAppTenantId"] = FakeGraph.TenantId;
        app.Settings["Graph:Enabled"] = "true";

        Assert.IsType<GraphManagerDirectory>(app.Services.GetRequiredService<IManagerDirectory>());
    }

    [Fact]
    public async Task Graph_enabled_without_the_bots_identity_stops_the_app_at_start()
    {
        await using var app = new BotApplicationFactory(azurite);
        app.Settings["Graph:Enabled"] = "true";

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Graph:Enabled is true, so MicrosoftAppId", error.ToString(), StringComparison.Ordinal);
    }
}
