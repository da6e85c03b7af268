using System.Diagnostics;
using System.Text;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>What one measured window produced.</summary>
public sealed record LoadResult(long Turns, long Errors, TimeSpan Elapsed, double[] TurnMs, double[] HttpMs)
{
    public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

    public double TurnPercentile(double p) => Percentile(TurnMs, p);

    public double HttpPercentile(double p) => Percentile(HttpMs, p);

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Closed-loop load: each of N workers owns one personal chat and sends "help", waits for the HTTP
/// answer and for the welcome card to reach the connector, then sends the next. A turn's latency is
/// from sending until both happened; HTTP latency is the request alone.
/// </summary>
public sealed class LoadGenerator(string botUrl, LoopbackConnector connector, bool newConversationEachTurn = false)
{
    public const string TenantId = "00000000-0000-4000-8000-00000000b0b0";

    private static readonly HttpClient Client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The Entra object id the load generator gives a worker's user.</summary>
    public static string AadObjectId(int worker) => $"00000000-0000-4000-8000-{worker:D12}";

    /// <summary>A worker's personal chat; with <c>newConversationEachTurn</c> a new one every turn (so every reference changes).</summary>
    private string ConversationId(int worker, long turn) =>
        newConversationEachTurn ? $"a:bench-conversation-{worker}-{turn}" : $"a:bench-conversation-{worker}";

    public static string Activity(int worker, long turn, string serviceUrl, string text = "help", string? conversationId = null)
    {
        conversationId ??= $"a:bench-conversation-{worker}";
        var aad = AadObjectId(worker);
        return $$$"""
        {"type":"message","id":"bench-{{{worker}}}-{{{turn}}}","timestamp":"{{{DateTimeOffset.UtcNow:O}}}","channelId":"msteams","serviceUrl":"{{{serviceUrl}}}/",
         "from":{"id":"29:bench-user-{{{worker}}}","name":"Bench User{{{worker}}}","aadObjectId":"{{{aad}}}"},
         "conversation":{"id":"{{{conversationId}}}","conversationType":"personal","tenantId":"{{{TenantId}}}"},
         "recipient":{"id":"28:bench-bot","name":"Policy bot"},"text":"{{{text}}}","textFormat":"plain","locale":"en-GB",
         "channelData":{"tenant":{"id":"{{{TenantId}}}"} } }
        """;
    }

    /// <summary>Sends one turn; true when the bot answered 2xx and the reply reached the connector within the timeout.</summary>
    public async Task<(bool Ok, double TurnMs, double HttpMs)> TurnAsync(int worker, long turn, CancellationToken cancellationToken, string text = "help")
    {
        var conversation = ConversationId(worker, turn);
        var reply = connector.NextReply(conversation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(Activity(worker, turn, connector.Url, text, conversation), Encoding.UTF8, "application/json");
            using var response = await Client.PostAsync(botUrl, content, cancellationToken);
            var http = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return (false, 0, http);
            }

            await reply.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return (true, Stopwatch.GetElapsedTime(started).TotalMilliseconds, http);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Runs <paramref name="concurrency"/> workers for <paramref name="duration"/>.</summary>
    public async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, int workerOffset = 0)
    {
        using var stop = new CancellationTokenSource(duration);
        return await RunAsync(concurrency, workerOffset, stop.Token);
    }

    /// <summary>Runs <paramref name="concurrency"/> workers until <paramref name="stop"/> is cancelled.</summary>
    public async Task<LoadResult> RunAsync(int concurrency, int workerOffset, CancellationToken stop)
    {
        var turnMs = new List<double>[concurrency];
        var httpMs = new List<double>[concurrency];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            turnMs[i] = [];
            httpMs[i] = [];
            long n = 0;
            while (!stop.IsCancellationRequested)
            {
                (bool Ok, double TurnMs, double HttpMs) result;
                try
                {
                    result = await TurnAsync(workerOffset + i, n++, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                httpMs[i].Add(result.HttpMs);
                if (result.Ok)
                {
                    turnMs[i].Add(result.TurnMs);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var turns = turnMs.SelectMany(l => l).Order().ToArray();
        return new LoadResult(turns.Length, errors, elapsed, turns, httpMs.SelectMany(l => l).Order().ToArray());
    }

    /// <summary>Sends single turns until one is answered: the time from <paramref name="since"/> to that answer.</summary>
    public async Task<TimeSpan> FirstAnsweredTurnAsync(long since, TimeSpan timeout, Func<bool>? exited = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (exited?.Invoke() == true)
            {
                throw new InvalidOperationException("The server exited before answering.");
            }

            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var (ok, _, _) = await TurnAsync(100_000, 0, attempt.Token);
                if (ok)
                {
                    return Stopwatch.GetElapsedTime(since);
                }
            }
            catch (OperationCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"No answered turn within {timeout}.");
    }

    internal static Task<HttpResponseMessage> PostJsonAsync(string url, object body) => Client.PostAsJsonAsync(url, body);
}
