using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Protocol.Authentication;

/// <summary>
/// MicrosoftAppType=UserAssignedMSI: the Bot Connector's tokens come from the managed identity through Azure.Identity's
/// real ManagedIdentityCredential, here talking to a loopback fake of App Service's identity endpoint; no secret anywhere.
/// </summary>
[Collection(ManagedIdentityEndpoint.Name)]
public sealed class ManagedIdentityTests
{
    private const string ClientId = "5d3a0b7e-8c1f-4e2a-9b6d-7f0e1c2a3b4d";

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        services.AddBotProtocol(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> ManagedIdentity() => new()
    {
        ["MicrosoftAppType"] = "UserAssignedMSI",
        ["MicrosoftAppId"] = ClientId,
        ["MicrosoftAppTenantId"] = "8e1c2b3a-0f4d-4c5e-a6b7-c8d9e0f1a2b3",
    };

    [Fact]
    public async Task The_connector_token_comes_from_the_managed_identity_for_the_Bot_Framework_and_is_cached()
    {
        await using var identityEndpoint = await LoopbackHttpServer.StartAsync(endpoints => endpoints.MapGet("/msi/token", (HttpRequest request) =>
            request.Headers["X-IDENTITY-HEADER"] == ManagedIdentityEndpoint.Secret
                ? Results.Json(new
                {
                    access_token = "token-from-the-identity",
                    expires_on = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    resource = "https://api.botframework.com",
                    token_type = "Bearer",
                    client_id = ClientId,
                })
                : Results.StatusCode(StatusCodes.Status401Unauthorized)));
        using var environment = ManagedIdentityEndpoint.PointAt(new Uri(identityEndpoint.BaseAddress, "/msi/token"));
        await using var services = Services(ManagedIdentity());

        var tokens = services.GetRequiredService<IConnectorTokenProvider>();
        var first = await tokens.GetTokenAsync(CancellationToken.None);
        var second = await tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-from-the-identity", first);
        Assert.Equal(first, second);
        var request = Assert.Single(identityEndpoint.Requests);
        Assert.Contains("resource=https://api.botframework.com", Uri.UnescapeDataString(request.PathAndQuery), StringComparison.Ordinal);
        Assert.Contains($"client_id={ClientId}", request.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_app_password_the_client_secret_is_used_and_no_managed_identity()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = ClientId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "8e1c2b3a-0f4d-4c5e-a6b7-c8d9e0f1a2b3",
        });

        Assert.IsType<ClientSecretTokenSource>(services.GetRequiredService<IAppTokenSource>());
    }

    [Fact]
    public async Task Table_storage_by_endpoint_uses_the_bots_identity_and_no_connection_string()
    {
        var credential = new Mock<TokenCredential>();
        var settings = ManagedIdentity();
        settings["TableStorage:Endpoint"] = "https://smdeskprod.table.core.windows.net/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = Services(settings, s => s.AddSingleton(credential.Object).AddTableStorage(configuration));

        var storage = services.GetRequiredService<TableStorage>();

        Assert.Equal("smdeskprod", storage.Service.AccountName);
        Assert.Equal(new Uri("https://smdeskprod.table.core.windows.net/"), storage.Service.Uri);
    }

    [Theory]
    [InlineData(null, "Neither ConnectionStrings:Tables nor TableStorage:Endpoint is set")]
    [InlineData("http://smdeskprod.table.core.windows.net/", "TableStorage:Endpoint must be an absolute https URL")]
    public async Task Table_storage_without_a_usable_place_stops_start_up_naming_the_settings(string? endpoint, string message)
    {
        var settings = ManagedIdentity();
        settings["TableStorage:Endpoint"] = endpoint;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = Services(settings, s => s.AddTableStorage(configuration));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TableStorageOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// Azure.Identity finds App Service's identity endpoint through two process-wide environment variables; the tests
/// that set them run one at a time and put them back.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManagedIdentityEndpoint
{
    public const string Name = "Managed identity endpoint";
    public const string Secret = "identity-header-secret";

    public static IDisposable PointAt(Uri endpoint)
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", endpoint.ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", Secret);
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose()
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }
}
