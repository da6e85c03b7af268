using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>A request a loopback fake received (PathAndQuery is the raw request target), with what the tests care about.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A real HTTP server on 127.0.0.1 with a free port, for fakes of the services the bot calls
/// (the Bot Connector, the OpenID metadata endpoint, Graph): the bot's real HttpClient stack,
/// resilience handlers included, talks to it over TCP.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackHttpServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the fake on <paramref name="port"/> (0: a free one the OS picks).</summary>
    public static async Task<LoopbackHttpServer> StartAsync(Action<IEndpointRouteBuilder> map, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackHttpServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            server.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                // The raw target, as sent: proves how the client escaped ids in the path.
                context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString(),
                context.Request.Headers.Authorization.FirstOrDefault(),
                body,
                DateTimeOffset.UtcNow));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
