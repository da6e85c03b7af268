using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Tests.Protocol.Authentication;

/// <summary>Inbound auth may be off only with no app id AND the Development environment.</summary>
public sealed class StartupAuthenticationRuleTests
{
    private const string AppId = "6a1c3e0e-6f2b-4a5e-9d7c-2b8f0e1a4c3d";
    private const string TenantId = "b5c2e8a4-0000-4000-8000-000000000000";

    private static async Task StartAsync(
        string environment, string? appId, string? password = "secret", string? tenant = TenantId, string? appType = null, string[]? allowedTenants = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration["MicrosoftAppType"] = appType;
        builder.Configuration["MicrosoftAppId"] = appId;
        builder.Configuration["MicrosoftAppPassword"] = password;
        builder.Configuration["MicrosoftAppTenantId"] = tenant;
        allowedTenants ??= [];
        for (var i = 0; i < allowedTenants.Length; i++)
        {
            builder.Configuration[$"Bot:AllowedTenantIds:{i}"] = allowedTenants[i];
        }

        builder.Services.AddBotProtocol(builder.Configuration);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task An_empty_app_id_outside_Development_stops_start_up_naming_the_setting(string environment)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(environment, appId: ""));

        Assert.Contains("MicrosoftAppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_app_id_in_Development_starts_with_authentication_off()
    {
        await StartAsync("Development", appId: null, password: null, tenant: null);
    }

    [Theory]
    [InlineData(null, TenantId, "MicrosoftAppPassword")]
    [InlineData("secret", null, "MicrosoftAppTenantId")]
    public async Task An_app_id_without_its_secret_or_tenant_stops_start_up(string? password, string? tenant, string missing)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", AppId, password, tenant));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UserAssignedMSI")]
    [InlineData("userassignedmsi")]
    public async Task A_managed_identity_starts_without_any_secret(string appType)
    {
        await StartAsync("Production", AppId, password: null, appType: appType);
    }

    [Fact]
    public async Task A_managed_identity_with_a_secret_stops_start_up_asking_to_remove_it()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", AppId, password: "secret", appType: "UserAssignedMSI"));

        Assert.Contains("MicrosoftAppPassword must be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_identity_without_its_tenant_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", AppId, password: null, tenant: null, appType: "UserAssignedMSI"));

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MultiTenant")]
    [InlineData("SystemAssignedMSI")]
    public async Task An_unsupported_app_type_stops_start_up_naming_the_supported_ones(string appType)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", AppId, appType: appType));

        Assert.Contains($"MicrosoftAppType '{appType}' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserAssignedMSI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_given_as_a_domain_name_stops_start_up_because_the_tenant_gate_compares_ids()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", AppId, tenant: "contoso.onmicrosoft.com"));

        Assert.Contains("MicrosoftAppTenantId must be the tenant id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_tenant_that_is_not_a_tenant_id_stops_start_up_naming_its_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync("Production", AppId, allowedTenants: ["c6d3f9b5-1111-4111-8111-111111111111", "fabrikam.com"]));

        Assert.Contains("Bot:AllowedTenantIds:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowedTenantIds:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_tenant_ids_start_up()
    {
        await StartAsync("Production", AppId, allowedTenants: ["c6d3f9b5-1111-4111-8111-111111111111"]);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(AppId, true)]
    public async Task Only_an_app_id_builds_the_bot_identity_that_checks_and_sends_tokens(string appId, bool authenticated)
    {
        var identityBuilt = false;
        var identity = new Mock<IAppTokenSource>();
        identity.Setup(i => i.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("connector-token");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = TenantId,
        }).Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(Mock.Of<IHostEnvironment>(environment => environment.EnvironmentName == Environments.Development))
            .AddSingleton<IAppTokenSource>(_ =>
        {
            identityBuilt = true;
            return identity.Object;
        });
        await using var provider = services.AddBotProtocol(configuration).BuildServiceProvider();

        var inbound = await provider.GetRequiredService<IInboundAuthenticator>().AuthenticateAsync(null, "msteams", "https://smba.trafficmanager.net/emea/", CancellationToken.None);
        var outbound = await provider.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(CancellationToken.None);

        // Off: every activity is let in and replies carry no token; the identity (MSAL) is never even built.
        // On: an activity without a token is refused and replies carry the identity's token.
        Assert.Equal((!authenticated, authenticated ? "connector-token" : null, authenticated), (inbound.IsAuthenticated, outbound, identityBuilt));
    }
}
