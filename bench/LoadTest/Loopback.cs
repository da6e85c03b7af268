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
/// The Bot Connector as far as the bot needs it: accepts any POST/PUT under <c>/v3/conversations/</c>,
/// answers an activity id, and tells whoever waits on that conversation that its reply arrived.
/// <c>POST /v3/conversations</c> creates a conversation: a channel thread is named after the
/// request reference its card carries (<see cref="Threads"/>), so a scenario can click on it.
/// It counts every accepted send by method and conversation (<see cref="DeliveriesTo"/>), and with
/// <see cref="Limits"/> set it refuses sends beyond Teams' rates with 429 and Retry-After, as Teams does.
/// </summary>
public sealed partial class LoopbackConnector : LoopbackServer
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();
    private readonly ConcurrentDictionary<string, int> deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ConversationId, string ActivityId)> threads = new(StringComparer.Ordinal);
    private long received;
    private long throttled;
    private long created;
    private long firstAccepted;
    private long lastAccepted;

    public long Received => Interlocked.Read(ref received);

    /// <summary>Requests answered 429 because they were beyond <see cref="Limits"/>.</summary>
    public long Throttled => Interlocked.Read(ref throttled);

    /// <summary>When set, sends beyond these rates are refused with 429 and Retry-After (Teams' limits: <see cref="ConnectorLimits.Teams"/>).</summary>
    public ConnectorLimits? Limits { get; set; }

    /// <summary>Stopwatch timestamps of the first and last accepted send since <see cref="StartSpan"/> (0 before any).</summary>
    public (long First, long Last) AcceptedSpan => (Interlocked.Read(ref firstAccepted), Interlocked.Read(ref lastAccepted));

    /// <summary>Starts <see cref="AcceptedSpan"/> afresh, so sends before a scenario (the bot's warm-up reply) are not in it.</summary>
    public void StartSpan()
    {
        Interlocked.Exchange(ref firstAccepted, 0);
        Interlocked.Exchange(ref lastAccepted, 0);
    }

    /// <summary>The channel threads created so far, by the request reference their first card carried.</summary>
    public IReadOnlyDictionary<string, (string ConversationId, string ActivityId)> Threads => threads;

    /// <summary>Accepted sends with <paramref name="method"/> (POST, PUT) into <paramref name="conversationId"/>; "CREATE" with a reference counts new threads carrying it.</summary>
    public int DeliveriesTo(string method, string conversationId) => deliveries.TryGetValue($"{method} {conversationId}", out var n) ? n : 0;

    /// <summary>Every accepted send, keyed "METHOD conversation" ("CREATE reference" for new threads).</summary>
    public IReadOnlyDictionary<string, int> Deliveries => deliveries;

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
        var create = path == "/v3/conversations" && HttpMethods.IsPost(context.Request.Method);
        if (!path.StartsWith(prefix, StringComparison.Ordinal) && !create)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var rest = create ? "" : path[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var conversationId = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        var limits = Limits;
        if (limits is not null && !limits.TryAcquire(create ? "create" : conversationId, out var retryAfter))
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"error\":{\"code\":\"Throttled\",\"message\":\"Too many requests\"}}");
            return;
        }

        Interlocked.Increment(ref received);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref firstAccepted, now, 0);
        Interlocked.Exchange(ref lastAccepted, now);
        context.Response.ContentType = "application/json";
        if (create)
        {
            await CreateAsync(context);
            return;
        }

        // Drain the body as a real service would.
        await context.Request.Body.CopyToAsync(Stream.Null);
        deliveries.AddOrUpdate($"{context.Request.Method} {conversationId}", 1, (_, n) => n + 1);
        if (waiting.TryRemove(conversationId, out var source))
        {
            source.TrySetResult();
        }

        await context.Response.WriteAsync($"{{\"id\":\"{Guid.NewGuid():N}\"}}");
    }

    private async Task CreateAsync(HttpContext context)
    {
        using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
        var text = body.RootElement.GetRawText();
        var n = Interlocked.Increment(ref created).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var channel = body.RootElement.TryGetProperty("channelData", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object
            && data.TryGetProperty("channel", out var c) && c.TryGetProperty("id", out var id) ? id.GetString() : null;
        var reference = Reference().Match(text) is { Success: true } match ? match.Value : "thread-" + n;
        var activityId = "bench-" + n;
        var conversationId = channel is null ? "a:bench-new-chat-" + n : $"{channel};messageid={activityId}";
        threads.TryAdd(reference, (conversationId, activityId));
        deliveries.AddOrUpdate($"CREATE {reference}", 1, (_, count) => count + 1);
        await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { id = conversationId, activityId }));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"SMA-\d{4}-\d{4}")]
    private static partial System.Text.RegularExpressions.Regex Reference();
}

/// <summary>
/// Sliding-window rate limits as Teams applies them to a bot: per conversation (thread) and for the app
/// as a whole (one tenant here). A request counts only if it was accepted; one beyond any limit is refused
/// and told how long until the oldest send in the full window leaves it.
/// </summary>
public sealed class ConnectorLimits(IReadOnlyList<(int Limit, TimeSpan Window)> perConversation, IReadOnlyList<(int Limit, TimeSpan Window)> perApp)
{
    private readonly Dictionary<string, List<long>> conversations = new(StringComparer.Ordinal);
    private readonly List<long> app = [];
    private readonly Lock gate = new();

    /// <summary>/work/shared/notes/teams-protocol.md: per bot per thread 7/1 s, 8/2 s, 60/30 s, 1800/1 h; about 50/s per app per tenant.</summary>
    public static ConnectorLimits Teams() => new(
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))],
        [(50, TimeSpan.FromSeconds(1))]);

    public IReadOnlyList<(int Limit, TimeSpan Window)> PerApp => perApp;

    public bool TryAcquire(string conversation, out TimeSpan retryAfter)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (gate)
        {
            if (!conversations.TryGetValue(conversation, out var sends))
            {
                sends = [];
                conversations.Add(conversation, sends);
            }

            retryAfter = Max(Wait(sends, perConversation, now), Wait(app, perApp, now));
            if (retryAfter > TimeSpan.Zero)
            {
                return false;
            }

            sends.Add(now);
            app.Add(now);
            return true;
        }
    }

    /// <summary>How long until one more send fits every limit (zero: now). Sends are in time order.</summary>
    private static TimeSpan Wait(List<long> sends, IReadOnlyList<(int Limit, TimeSpan Window)> limits, long now)
    {
        var wait = TimeSpan.Zero;
        foreach (var (limit, window) in limits)
        {
            var inWindow = sends.Count(t => System.Diagnostics.Stopwatch.GetElapsedTime(t, now) < window);
            if (inWindow >= limit)
            {
                var oldestThatMustLeave = sends[sends.Count - limit];
                wait = Max(wait, window - System.Diagnostics.Stopwatch.GetElapsedTime(oldestThatMustLeave, now));
            }
        }

        return wait;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
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

    /// <summary>Operations per method and table ("GET Outbox"), the tables' names without the run's prefix.</summary>
    public ConcurrentDictionary<string, long> ByTable { get; } = new();

    protected override async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        ByTable.AddOrUpdate($"{request.Method} {TableName(request.Path.Value ?? "")}", 1, (_, n) => n + 1);
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

    /// <summary>"/devstoreaccount1/ap123outbox(PartitionKey='…')" gives "outbox": the bot's table name the segment ends with.</summary>
    private static string TableName(string path)
    {
        var segment = (path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "(account)").Split('(')[0];
        return TeamsPolicyBot.Storage.TableNames.All.Where(name => segment.EndsWith(name, StringComparison.OrdinalIgnoreCase)).MaxBy(name => name.Length) ?? segment;
    }
}
