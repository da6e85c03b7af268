using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// The real app in memory, over Azurite, with the settings a local run has. Tests add or
/// override settings (e.g. an app id to turn inbound authentication on) before first use.
/// </summary>
public sealed class BotApplicationFactory(AzuriteFixture azurite, string environment = "Development") : WebApplicationFactory<Program>
{
    public const string StaffAadId = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
    public const string ApproverAadId = "3f0b9c2e-2222-4a6b-9c1d-000000000002";
    public const string SeniorManagerAadId = "3f0b9c2e-4444-4a6b-9c1d-000000000004";

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["ConnectionStrings:Tables"] = azurite.ConnectionString,
        ["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
        ["Comms:TeamId"] = "19:comms-team@thread.tacv2",
        ["Comms:ChannelId"] = "19:comms-approvals@thread.tacv2",
        ["Comms:ApproverIds:0"] = ApproverAadId,
        ["Escalation:ContactIds:0"] = SeniorManagerAadId,
        ["Support:CaseHandlerIds:0"] = ApproverAadId,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(Settings));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Settings must win over appsettings and user secrets, whatever order the host adds them in.
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(Settings));
        return base.CreateHost(builder);
    }
}
