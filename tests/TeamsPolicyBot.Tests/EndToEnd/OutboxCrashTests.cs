using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TeamsPolicyBot.Tests.TestSupport;
using Xunit.Abstractions;
using F = TeamsPolicyBot.Workflows.Incidents.IncidentFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// Issue 18, "nothing queued is ever dropped", as a crash: the built bot, on Azurite, against a fake
/// connector on loopback that refuses the first attempt of every message with 429 and Retry-After.
/// Thirty incident reports queue thirty triage cards for the Comms channel; the bot is killed (SIGKILL)
/// while cards wait out their 429 and started again on the same tables; every card is delivered
/// exactly once. Before the fix, the wait happened inside the claim, so a card refused just before the
/// crash was recorded in doubt after its lease and never sent.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class OutboxCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Reports = 30;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    // Short, so a claim the crash left behind would turn in doubt within the test, and the test would see the loss.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_triage_card_waiting_out_a_429_when_the_bot_is_killed_is_delivered_exactly_once_after_a_restart()
    {
        var tenant = await PlaygroundTenant.LoadAsync(Path.Combine(RepoPaths.Root, ".m365agentsplayground.yml"));
        var fake = new RefuseFirstAttemptConnector(RetryAfter);
        await using var connector = await LoopbackHttpServer.StartAsync(fake.Map);
        var settings = new Dictionary<string, string>(tenant.Settings)
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Comms:ServiceUrl"] = connector.BaseAddress.ToString(),
            ["Outbox:LeaseDuration"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["Outbox:PollInterval"] = "00:00:00.200",
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (bot, url) = await BuiltBot.StartAsync(http, settings);
        output.WriteLine($"bot started in {clock.Elapsed.TotalSeconds:0.0} s");
        int waitingAtKill;
        try
        {
            // Five at a time, as people would: each takes a reference number from one counter.
            using var gate = new SemaphoreSlim(5);
            await Task.WhenAll(Enumerable.Range(1, Reports).Select(async n =>
            {
                await gate.WaitAsync();
                try
                {
                    using var response = await http.PostAsync(new Uri(url, "/api/messages"), new StringContent(ReportActivity(tenant, connector.BaseAddress, n), Encoding.UTF8, "application/json"));
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains("sent to Comms", StringComparison.Ordinal), $"report {n}: {(int)response.StatusCode} {body}{Environment.NewLine}{bot.Output}");
                }
                finally
                {
                    gate.Release();
                }
            }));

            // Killed in the pause after a refusal, when cards are waiting out their Retry-After (not mid-request:
            // a request cut off by the crash would rightly be in doubt, and that is not what this test is about).
            output.WriteLine($"{Reports} reports answered at {clock.Elapsed.TotalSeconds:0.0} s");
            // A 429 holds back the whole channel until its Retry-After, so once 300 ms pass without a request, none
            // comes for about 700 ms more: the kill lands in that pause. Several cards are refused per pause.
            waitingAtKill = await fake.QuietWhileRefusedAsync(TimeSpan.FromMilliseconds(300), atLeast: 5, TimeSpan.FromSeconds(20));
            await bot.KillAsync();
            output.WriteLine($"killed at {clock.Elapsed.TotalSeconds:0.0} s with {waitingAtKill} cards waiting out a 429, {fake.DeliveredReferences().Count} delivered");
        }
        finally
        {
            await bot.DisposeAsync();
        }

        Assert.True(waitingAtKill > 0, "no card was waiting out a 429 when the bot was killed");
        var (restarted, _) = await BuiltBot.StartAsync(http, settings);
        await using (restarted)
        {
            output.WriteLine($"restarted at {clock.Elapsed.TotalSeconds:0.0} s");
            var allDelivered = await Poll.UntilAsync(() => fake.DeliveredReferences().Count == Reports, TimeSpan.FromSeconds(25));
            output.WriteLine($"all {fake.DeliveredReferences().Count} delivered at {clock.Elapsed.TotalSeconds:0.0} s; {fake.Messages().Count} messages, {fake.Messages().Sum(m => m.Refused)} refused, {fake.Messages().Sum(m => m.Delivered)} delivered");
            // A little longer, for anything that would arrive twice.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.True(allDelivered, $"{fake.DeliveredReferences().Count} of {Reports} triage cards delivered.{Environment.NewLine}{restarted.Output}");
        }

        Assert.All(fake.DeliveredReferences(), reference => Assert.Equal(1, reference.Value));
        Assert.All(fake.Messages(), message => Assert.Equal(1, message.Delivered));
    }

    private static string ReportActivity(PlaygroundTenant tenant, Uri serviceUrl, int n) => JsonSerializer.Serialize(new
    {
        type = "invoke",
        name = "adaptiveCard/action",
        id = $"crash-test-{n}",
        channelId = "msteams",
        serviceUrl = serviceUrl.ToString(),
        from = new { id = tenant.People.Staff.Id, name = tenant.People.Staff.Name, aadObjectId = tenant.People.Staff.AadObjectId },
        recipient = new { id = tenant.Bot.Id, name = tenant.Bot.Name },
        conversation = new { id = tenant.PersonalChatId, conversationType = "personal", tenantId = tenant.TenantId },
        channelData = new { tenant = new { id = tenant.TenantId } },
        value = new
        {
            action = new
            {
                type = "Action.Execute",
                verb = "incident.submit",
                data = new Dictionary<string, string>
                {
                    [F.SubmissionId] = Guid.NewGuid().ToString(),
                    [F.What] = $"Crash test report {n}: a misleading post about the university.",
                    [F.Links] = $"https://x.com/someone/status/{1897000000000000000 + n}",
                    [F.Platform] = "x",
                    [F.PlatformOther] = "",
                    [F.PostedBy] = "outside",
                    [F.Kind] = "misinformation",
                    [F.NoticedOn] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    [F.StillLive] = "yes",
                    [F.Urgency] = "normal",
                    [F.Evidence] = "",
                    [F.ActionsTaken] = "",
                },
            },
        },
    });

    /// <summary>One message as the fake saw it: how often it was refused and delivered, and the incident it is about.</summary>
    private sealed record Message(string? Reference, int Refused, int Delivered);

    /// <summary>
    /// A connector that answers the first attempt of every message (the same method, path and body) with 429 and
    /// Retry-After, and every later one with success, counting both per message. An empty Comms roster.
    /// </summary>
    private sealed partial class RefuseFirstAttemptConnector(TimeSpan retryAfter)
    {
        private readonly ConcurrentDictionary<string, Message> messages = new();
        private long lastRequestTicks = DateTime.UtcNow.Ticks;

        public void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
        {
            app.MapGet("/v3/conversations/{id}/pagedmembers", () => Results.Json(new { members = Array.Empty<object>() }));
            app.MapPost("/{**path}", AnswerAsync);
            app.MapPut("/{**path}", AnswerAsync);
        }

        public List<Message> Messages() => messages.Values.ToList();

        /// <summary>Delivered triage-card posts per incident reference.</summary>
        public Dictionary<string, int> DeliveredReferences() => messages.Values
            .Where(m => m.Reference is not null && m.Delivered > 0)
            .GroupBy(m => m.Reference!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Delivered));

        /// <summary>
        /// Waits until at least <paramref name="atLeast"/> messages were refused and not yet delivered and no request has
        /// come for <paramref name="quiet"/>; returns how many messages are then waiting out their 429.
        /// </summary>
        public async Task<int> QuietWhileRefusedAsync(TimeSpan quiet, int atLeast, TimeSpan timeout)
        {
            var waiting = 0;
            var found = await Poll.UntilAsync(
                () =>
                {
                    waiting = messages.Values.Count(m => m.Refused > 0 && m.Delivered == 0);
                    return waiting >= atLeast && DateTime.UtcNow.Ticks - Interlocked.Read(ref lastRequestTicks) > quiet.Ticks;
                },
                timeout);
            Assert.True(found, $"no quiet moment with {atLeast} cards waiting out a 429");
            return waiting;
        }

        private async Task AnswerAsync(HttpContext context)
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path} {body}")));
            var reference = context.Request.Path == "/v3/conversations" && IncidentReference().Match(body) is { Success: true } match ? match.Value : null;
            var first = false;
            messages.AddOrUpdate(
                key,
                _ =>
                {
                    first = true;
                    return new Message(reference, 1, 0);
                },
                (_, seen) => seen with { Delivered = seen.Delivered + 1 });
            Interlocked.Exchange(ref lastRequestTicks, DateTime.UtcNow.Ticks);
            if (first)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Json(new { error = new { code = "Throttled", message = "slow down" } }, statusCode: 429).ExecuteAsync(context);
                return;
            }

            var id = Guid.NewGuid().ToString("N");
            await Results.Json(new { id = $"19:new@thread.tacv2;messageid={id}", activityId = id }, statusCode: 201).ExecuteAsync(context);
        }

        [GeneratedRegex(@"INC-\d{4}-\d{4,}")]
        private static partial Regex IncidentReference();
    }
}
