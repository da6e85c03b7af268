using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>
/// The approve click (issue 14: p99 at most 100 ms server side "under the same load", the load of the message-turn
/// scenario). 2 x N staff submit the request form through the bot's own <c>adaptiveCard/action</c> invokes; once every
/// channel card has reached the loopback connector, the Comms approver clicks Approve on a few to warm the bot up (a
/// first click after start-up runs code not compiled yet), then on N of them one after another while
/// <c>concurrency</c> personal chats send "help" in a closed loop (the goal), then on the other N from
/// <c>concurrency</c> concurrent clicks with nothing else running (how many approvals a second the bot can decide).
/// Measured: the bot's own time for the invoke (its Server-Timing header: the goal is "server side") and the invoke's HTTP
/// time at the load generator, which shares the two cores with the chats it drives. Checked: each request stored
/// Approved with one Approved audit entry, and each queued its two messages: the notice in the requester's chat and
/// the channel card's update.
/// </summary>
internal static partial class ApproveScenario
{
    /// <summary>The load generator's workers who submit requests start here (clear of the "help" workers).</summary>
    public const int FirstRequester = 300_000;

    /// <summary>Clicks before the measured ones (fewer when N is smaller).</summary>
    public const int WarmUpClicks = 10;

    /// <summary><paramref name="InvokeMs"/>: HTTP time at the client; <paramref name="ServerMs"/>: the bot's own, from its Server-Timing header.</summary>
    public sealed record Clicks(double[] InvokeMs, double[] ServerMs, double Seconds)
    {
        public double Percentile(double p) => LoadResult.Percentile(InvokeMs, p);

        public double ServerPercentile(double p) => LoadResult.Percentile(ServerMs, p);

        public double PerSecond => InvokeMs.Length / Math.Max(Seconds, 0.001);
    }

    /// <summary>
    /// <paramref name="UnderLoad"/>: one click at a time while the chats ran (<paramref name="ChatTurnsPerSecond"/>);
    /// <paramref name="Concurrent"/>: the concurrent clicks; <paramref name="TableOps"/>: per approval, from the
    /// concurrent clicks until their messages were delivered.
    /// </summary>
    public sealed record Result(int Requests, double SeedSeconds, Clicks UnderLoad, double ChatTurnsPerSecond, Clicks Concurrent,
        long Errors, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, long> TableOps);

    public static async Task<Result> RunAsync(string botUrl, LoopbackConnector connector, CountingTableProxy tables, TableStorage storage, string approverAadId, int requests, int concurrency)
    {
        var problems = new List<string>();
        var failed = new Result(requests, 0, new([], [], 0), 0, new([], [], 0), 0, problems, new Dictionary<string, long>());
        var seeding = Stopwatch.StartNew();
        var warmUp = Math.Min(WarmUpClicks, requests);
        var references = new string?[(2 * requests) + warmUp];
        await ClosedLoopAsync(references.Length, concurrency, async i =>
        {
            var worker = FirstRequester + i;
            var (ok, body, _, _) = await InvokeAsync(botUrl, Invoke(connector.Url, AccountRequestVerbs.Submit, Inputs(i), LoadGenerator.AadObjectId(worker), $"29:bench-user-{worker}", $"a:bench-conversation-{worker}", "personal"));
            references[i] = ok ? Reference().Match(body) is { Success: true } m ? m.Value : null : null;
        });
        var missing = references.Count(r => r is null);
        if (missing > 0 || references.Distinct().Count() != references.Length)
        {
            problems.Add($"{missing} of {references.Length} submissions got no reference; {references.Distinct().Count()} distinct");
            return failed with { Errors = missing };
        }

        // The bot paces new threads in the Comms channel as Teams requires (8 in 2 s, 60 in 30 s), so this takes a while for large N.
        var repository = new AccountRequestRepository(storage);
        var cardsDue = TimeSpan.FromSeconds(60 + (references.Length / 60.0 * 30));
        if (!await WaitUntilAsync(() => references.All(r => connector.Threads.ContainsKey(r!)), cardsDue))
        {
            problems.Add($"{references.Count(r => !connector.Threads.ContainsKey(r!))} channel cards not posted within {cardsDue.TotalSeconds:F0} s");
            return failed;
        }

        // The card's location is stored just after its delivery; an approval before that could not update the card.
        foreach (var reference in references)
        {
            await WaitUntilAsync(async () => (await repository.GetAsync(reference!))?.Record.ApprovalCard is not null, TimeSpan.FromSeconds(30));
        }

        seeding.Stop();
        var noticesBefore = references.Select((_, i) => connector.DeliveriesTo("POST", $"a:bench-conversation-{FirstRequester + i}")).ToArray();
        long errors = 0;

        await ClickAsync(2 * requests, 1, warmUp);
        await WaitUntilDeliveredAsync(2 * requests, warmUp);

        // The goal's reading: one click at a time while the message-turn scenario's chats keep the bot busy.
        using var chatting = new CancellationTokenSource();
        var chats = new LoadGenerator(botUrl, connector).RunAsync(concurrency, 0, chatting.Token);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the chats' first turns (new references) out of the way
        var underLoad = await ClickAsync(0, 1, requests);
        await chatting.CancelAsync();
        var chatResult = await chats;
        await WaitUntilDeliveredAsync(0, requests);

        // Throughput: concurrent clicks, nothing else running; the table operations they and their messages cause.
        var opsBefore = new Dictionary<string, long>(tables.ByTable);
        var concurrent = await ClickAsync(requests, concurrency, requests);
        await WaitUntilDeliveredAsync(requests, requests);
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a second copy of anything, were one on its way
        var tableOps = tables.ByTable.Select(op => (op.Key, Count: op.Value - opsBefore.GetValueOrDefault(op.Key))).Where(op => op.Count > 0)
            .OrderByDescending(op => op.Count).ToDictionary(op => op.Key, op => op.Count);

        for (var i = 0; i < references.Length; i++)
        {
            var reference = references[i]!;
            var notices = connector.DeliveriesTo("POST", $"a:bench-conversation-{FirstRequester + i}") - noticesBefore[i];
            var updates = connector.DeliveriesTo("PUT", connector.Threads[reference].ConversationId);
            var record = (await repository.GetAsync(reference))?.Record;
            var approvals = record?.Audit.Count(entry => entry.Action == AuditActions.Approved) ?? 0;
            if (record?.Status != AccountRequestStatus.Approved || approvals != 1 || notices != 1 || updates != 1)
            {
                problems.Add($"{reference}: status {record?.Status}, {approvals} approvals in its history, {notices} notices to the requester, {updates} card updates (expected Approved, 1, 1, 1)");
            }
        }

        return new Result(requests, seeding.Elapsed.TotalSeconds, underLoad, chatResult.TurnsPerSecond, concurrent, errors, problems, tableOps);

        async Task<Clicks> ClickAsync(int first, int clickers, int count)
        {
            var invokeMs = new double[count];
            var serverMs = new double[count];
            var clock = Stopwatch.StartNew();
            await ClosedLoopAsync(count, clickers, async n =>
            {
                var i = first + n;
                var (conversation, activityId) = connector.Threads[references[i]!];
                var activity = Invoke(connector.Url, AccountRequestVerbs.Approve, new Dictionary<string, object?> { ["reference"] = references[i], ["version"] = 1 }, approverAadId, "29:bench-approver", conversation, "channel");
                activity["replyToId"] = activityId;
                var (ok, body, ms, server) = await InvokeAsync(botUrl, activity);
                invokeMs[n] = ms;
                serverMs[n] = server;
                if (!ok || !body.Contains("\"statusCode\":200", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref errors);
                    lock (problems)
                    {
                        problems.Add($"{references[i]}: the approve invoke answered {body[..Math.Min(200, body.Length)]}");
                    }
                }
            });
            return new Clicks([.. invokeMs.Order()], [.. serverMs.Order()], clock.Elapsed.TotalSeconds);
        }

        bool Notified(int i) => connector.DeliveriesTo("POST", $"a:bench-conversation-{FirstRequester + i}") > noticesBefore[i];
        bool CardUpdated(int i) => connector.DeliveriesTo("PUT", connector.Threads[references[i]!].ConversationId) > 0;
        Task<bool> WaitUntilDeliveredAsync(int first, int count) =>
            WaitUntilAsync(() => Enumerable.Range(first, count).All(i => Notified(i) && CardUpdated(i)), TimeSpan.FromSeconds(60 + (count / 25.0)));
    }

    /// <summary><paramref name="concurrency"/> workers, each taking the next of <paramref name="count"/> items as soon as its last is done.</summary>
    internal static Task ClosedLoopAsync(int count, int concurrency, Func<int, Task> work)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await work(i);
            }
        })));
    }

    internal static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout) => await WaitUntilAsync(() => Task.FromResult(done()), timeout);

    internal static async Task<bool> WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static async Task<(bool Ok, string Body, double Ms, double ServerMs)> InvokeAsync(string botUrl, JsonObject activity)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await LoadGenerator.PostJsonAsync(botUrl, activity);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return (response.IsSuccessStatusCode, body, elapsed, ServerTiming(response) ?? double.NaN);
        }
        catch (Exception ex)
        {
            return (false, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, double.NaN);
        }
    }

    /// <summary>The bot's "Server-Timing: turn;dur=12.3" in milliseconds.</summary>
    private static double? ServerTiming(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values)
        && ServerDuration().Match(string.Join(",", values)) is { Success: true } match
        && double.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? ms
            : null;

    private static JsonObject Invoke(string serviceUrl, string verb, object data, string aadObjectId, string teamsId, string conversationId, string conversationType) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl + "/",
        ["from"] = new JsonObject { ["id"] = teamsId, ["name"] = "Bench User", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "Policy bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = LoadGenerator.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = LoadGenerator.TenantId } },
        ["locale"] = "en-GB",
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = System.Text.Json.JsonSerializer.SerializeToNode(data) } },
    };

    /// <summary>A complete, valid request form (as the form card submits it), each with its own handle and submission id.</summary>
    private static Dictionary<string, string?> Inputs(int i) => new()
    {
        ["platform"] = "instagram",
        ["platformOther"] = "",
        ["handle"] = $"@bench_unit_{i}",
        ["alreadyExists"] = "false",
        ["existingUrl"] = "",
        ["unitType"] = "researchCentre",
        ["unitName"] = $"Bench Centre {i}",
        ["purpose"] = "Share the centre's research and events.",
        ["audiences"] = "Researchers, funders and the public.",
        ["strategicAims"] = "Raises the profile of our research (strategy aim 2).",
        ["contentPlan"] = "New papers, event announcements, field stories.",
        ["postingFrequency"] = "severalPerWeek",
        ["evaluation"] = "Follower growth and engagement, reviewed every quarter.",
        ["resourcing"] = "Our communications officer, 4 hours a week.",
        ["signOff"] = "The centre director approves every post.",
        ["secondAdmin"] = "",
        ["secondAdminEmail"] = "alan.turing@lshtm.ac.uk",
        ["confirmPolicy"] = "true",
        ["confirmSecurity"] = "true",
        ["confirmTraining"] = "true",
        ["submissionId"] = Guid.NewGuid().ToString(),
    };

    [GeneratedRegex(@"SMA-\d{4}-\d{4}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"turn;dur=([0-9.]+)")]
    private static partial Regex ServerDuration();
}
