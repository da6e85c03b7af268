using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Tests.TestSupport;
using IMsalHttpClientFactory = Microsoft.Identity.Client.IMsalHttpClientFactory;

namespace TeamsPolicyBot.Tests.People;

/// <summary>
/// Plays Microsoft Graph (<c>GET /v1.0/users/{id}/manager</c>) and the Entra token endpoint on
/// loopback. The bot's real wiring (AddPeople: MSAL client credentials, the Graph SDK) talks to it;
/// MSAL's calls to https://login.microsoftonline.com are redirected here by its HTTP client factory.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string TenantId = "8f2d1c7e-3b4a-4e5f-9a6b-1c2d3e4f5a6b";
    public const string AppId = "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b";
    public const string AppPassword = "fake-client-secret";
    public const string AccessToken = "fake-graph-access-token";

    private LoopbackHttpServer server = null!;

    /// <summary>Answers a manager request for the user id in the path; a found manager by default.</summary>
    public Func<string, CancellationToken, Task<IResult>> Manager { get; set; } =
        (_, _) => Task.FromResult(UserJson("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "Alex Chen", "alex.chen@contoso.example"));

    /// <summary>Answers <c>GET /users/{id}</c> (the leaver check) for the user id in the path; a member of staff whose sign-in works by default.</summary>
    public Func<string, CancellationToken, Task<IResult>> User { get; set; } =
        (id, _) => Task.FromResult(UserStatusJson(id, accountEnabled: true));

    /// <summary>The token endpoint answers as Entra does for a wrong or expired client secret.</summary>
    public bool RejectClientSecret { get; set; }

    public Uri GraphBaseUrl => new(server.BaseAddress, "v1.0");

    public IReadOnlyList<RecordedRequest> GraphRequests => [.. server.Requests.Where(r => r.PathAndQuery.StartsWith("/v1.0/", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. server.Requests.Where(r => r.PathAndQuery.Contains("/oauth2/v2.0/token", StringComparison.Ordinal))];

    public static async Task<FakeGraph> StartAsync()
    {
        var graph = new FakeGraph();
        graph.server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapPost("/{tenant}/oauth2/v2.0/token", () => graph.RejectClientSecret
                ? Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401)
                : Results.Json(new
                {
                    token_type = "Bearer",
                    expires_in = 3600,
                    ext_expires_in = 3600,
                    access_token = AccessToken,
                }));
            app.MapGet("/v1.0/users/{id}", (string id, HttpContext context) => graph.User(id, context.RequestAborted));
            app.MapGet("/v1.0/users/{id}/manager", (string id, HttpContext context) => graph.Manager(id, context.RequestAborted));
        });
        return graph;
    }

    public static IResult UserJson(string id, string? displayName, string? mail) => Json(HttpStatusCode.OK, $$"""
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects/$entity","@odata.type":"#microsoft.graph.user","id":"{{id}}","displayName":{{Quoted(displayName)}},"mail":{{Quoted(mail)}}}
        """);

    /// <summary>A user as Graph answers <c>$select=id,accountEnabled</c>.</summary>
    public static IResult UserStatusJson(string id, bool accountEnabled) => Json(HttpStatusCode.OK, $$"""
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(id,accountEnabled)/$entity","id":"{{id}}","accountEnabled":{{(accountEnabled ? "true" : "false")}}}
        """);

    public static IResult Error(HttpStatusCode status, string code, string message) =>
        Results.Json(new { error = new { code, message, innerError = new { date = "2026-11-25T10:00:00" } } }, statusCode: (int)status);

    /// <summary>The bot's people services as the app wires them, pointed at this fake.</summary>
    public ServiceProvider BuildServices(TimeSpan? timeout = null, Uri? graphBaseUrl = null, FakeLogCollector? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = AppPassword,
            ["MicrosoftAppTenantId"] = TenantId,
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = (graphBaseUrl ?? GraphBaseUrl).ToString(),
        };
        if (timeout is not null)
        {
            settings["Graph:Timeout"] = timeout.Value.ToString();
        }

        return PeopleServices.Build(settings, logs, services =>
            services.AddSingleton<IMsalHttpClientFactory>(_ => new RedirectingMsalHttpClientFactory(server.BaseAddress)));
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    private static IResult Json(HttpStatusCode status, string json) =>
        Results.Content(json, "application/json", statusCode: (int)status);

    /// <summary>Sends MSAL's requests for login.microsoftonline.com to the fake, path and query unchanged.</summary>
    private sealed class RedirectingMsalHttpClientFactory(Uri target) : IMsalHttpClientFactory, IDisposable
    {
        private readonly HttpClient client = new(new Redirect(target) { InnerHandler = new HttpClientHandler() });

        public HttpClient GetHttpClient() => client;

        public void Dispose() => client.Dispose();

        private sealed class Redirect(Uri target) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}

/// <summary>AddPeople over in-memory configuration, with what the app registers beside it.</summary>
public static class PeopleServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, FakeLogCollector? logs = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())).SetMinimumLevel(LogLevel.Trace));
        services.AddOptions<BotFrameworkOptions>().Bind(configuration);
        services.AddBotIdentity();
        services.AddPolicySettings();
        configure?.Invoke(services);
        // The app names managers through the Comms roster (AddOutbox); these tests need only a stand-in.
        services.TryAddSingleton(Mock.Of<IPersonNames>());
        services.AddPeople(configuration);
        return services.BuildServiceProvider();
    }
}
