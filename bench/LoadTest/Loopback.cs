using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>A small Kestrel app on 127.0.0.1 with a free port, stopped on dispose.</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? app;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
    }

    protected abstract Task HandleAsync(HttpContext context);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The Bot Connector as far as a reply needs it: accepts any POST/PUT under <c>/v3/conversations/</c>,
/// answers an activity id, and tells whoever waits on that conversation that its reply arrived.
/// </summary>
public sealed class LoopbackConnector : LoopbackServer
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();
    private long received;

    public long Received => Interlocked.Read(ref received);

    /// <summary>A task completed by the next activity the bot sends into <paramref name="conversationId"/>.</summary>
    public Task NextReply(string conversationId)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[conversationId] = source;
        return source.Task;
    }

    protected override async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        const string prefix = "/v3/conversations/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        // Drain the body as a real service would.
        await context.Request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref received);
        var rest = path[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var conversationId = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        if (waiting.TryRemove(conversationId, out var source))
        {
            source.TrySetResult();
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"id\":\"{Guid.NewGuid():N}\"}}");
    }
}

/// <summary>
/// A reverse proxy in front of Azurite that counts table operations: reads (GET) and writes
/// (PUT/MERGE/PATCH/POST/DELETE). Both servers talk to tables through it, so it costs them alike.
/// </summary>
public sealed class CountingTableProxy(string target) : LoopbackServer
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, AllowAutoRedirect = false });
    private long reads;
    private long writes;
    private long entitiesRead;

    /// <summary>Entities in query and point-read answers (counted only while <see cref="CountEntities"/> is on: it buffers them).</summary>
    public long EntitiesRead => Interlocked.Read(ref entitiesRead);

    public bool CountEntities { get; set; }

    public long Reads => Interlocked.Read(ref reads);

    public long Writes => Interlocked.Read(ref writes);

    protected override async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            Interlocked.Increment(ref reads);
        }
        else
        {
            Interlocked.Increment(ref writes);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target.TrimEnd('/') + context.Features.Get<IHttpRequestFeature>()!.RawTarget);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        if (CountEntities && HttpMethods.IsGet(request.Method))
        {
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            var entities = 0;
            for (var at = body.IndexOf("\"PartitionKey\"", StringComparison.Ordinal); at >= 0; at = body.IndexOf("\"PartitionKey\"", at + 1, StringComparison.Ordinal))
            {
                entities++;
            }

            Interlocked.Add(ref entitiesRead, entities);
            await context.Response.WriteAsync(body, context.RequestAborted);
            return;
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
