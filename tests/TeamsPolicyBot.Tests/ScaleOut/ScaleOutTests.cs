using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.AccountRequests;
using Xunit.Abstractions;

namespace TeamsPolicyBot.Tests.ScaleOut;

/// <summary>
/// Two instances of the built bot (separate processes, as App Service runs them) over one Azurite, behind a loopback
/// round-robin proxy, sending to one fake connector: they share nothing but Table Storage, and behave as one bot.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class ScaleOutTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Requests = 100;
    private const int ClicksPerRequest = 20;
    private const string CommsChannel = "19:comms-approvals@thread.tacv2";
    private const string ApproverAadId = BotApplicationFactory.ApproverAadId;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);

    private readonly string tablePrefix = AzuriteFixture.NewTablePrefix();
    private readonly List<LinkedProcess> instances = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int threads;
    private int nextInstance;
    private LoopbackHttpServer connector = null!;
    private LoopbackHttpServer proxy = null!;
    private Uri[] instanceUrls = [];

    public async Task InitializeAsync()
    {
        // A new channel thread is named after the reference its card carries, so each request's card can be followed.
        connector = await LoopbackHttpServer.StartAsync(endpoints =>
        {
            endpoints.MapPost("/v3/conversations", async (HttpContext context) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                var reference = Reference().Match(body);
                var id = reference.Success ? reference.Value : Interlocked.Increment(ref threads).ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { id = $"{CommsChannel};messageid={id}", activityId = id });
            });
            endpoints.Map("/{**path}", () => Results.Json(new { id = "sent" }));
        });
        // What Azure's front end does: each request to whichever instance is next.
        proxy = await LoopbackHttpServer.StartAsync(endpoints => endpoints.MapPost("/api/messages", async (HttpContext context) =>
        {
            var target = instanceUrls[(Interlocked.Increment(ref nextInstance) & int.MaxValue) % instanceUrls.Length];
            using var body = new StreamContent(context.Request.Body);
            body.Headers.ContentType = new("application/json");
            using var answer = await http.PostAsync(new Uri(target, "/api/messages"), body);
            return Results.Content(await answer.Content.ReadAsStringAsync(), "application/json", statusCode: (int)answer.StatusCode);
        }));
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        await proxy.DisposeAsync();
        await connector.DisposeAsync();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Two_instances_decide_each_request_once_tell_each_requester_once_and_fire_each_reminder_once()
    {
        await StartInstancesAsync();

        // An urgent incident nobody takes: its acknowledgement reminder falls due (after a minute) while both run.
        var incident = ReferenceIn("INC", CardText(await PostAsync(Invoke("incident.submit", IncidentInputs(), Person(0), inChannel: false))));

        // 100 people ask for an account at once.
        var references = await Task.WhenAll(Enumerable.Range(1, Requests).Select(async i =>
            ReferenceIn("SMA", CardText(await PostAsync(Invoke(AccountRequestVerbs.Submit, AccountInputs(), Person(i), inChannel: false))))));
        Assert.Equal(Requests, references.Distinct().Count());
        var threadOf = await WaitForAsync(() => ChannelThreads(references), found => found.Count == Requests, "a channel card for every request");

        // 20 clicks on Approve per request, all at once, spread over both instances by the proxy.
        var answers = new ConcurrentBag<JsonNode>();
        await Parallel.ForEachAsync(references, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (reference, _) =>
        {
            foreach (var answer in await Task.WhenAll(Enumerable.Range(0, ClicksPerRequest).Select(_ => PostAsync(Approve(reference, threadOf[reference])))))
            {
                answers.Add(answer);
            }
        });

        // One decision per request, in storage...
        var stored = new AccountRequestRepository(new TableStorage(new TableServiceClient(azurite.ConnectionString), tablePrefix));
        foreach (var reference in references)
        {
            var request = (await stored.GetAsync(reference))!.Record;
            Assert.Equal(AccountRequestStatus.Approved, request.Status);
            Assert.Single(request.Audit, entry => entry.Action == AuditActions.Approved);
        }

        // ...each requester told once, and each channel card updated to the decision.
        await WaitForAsync(() => Enumerable.Range(1, Requests).Sum(i => PostsTo(Person(i).Chat).Length), sent => sent >= Requests, "a decision notice to every requester");
        await Task.Delay(TimeSpan.FromSeconds(3)); // Time for a second notice, if one were on its way.
        Assert.All(Enumerable.Range(1, Requests), i => Assert.Single(PostsTo(Person(i).Chat)));
        foreach (var reference in references)
        {
            var updates = connector.Requests.Where(r => r.Method == "PUT" && r.PathAndQuery.EndsWith($"/activities/{threadOf[reference].ActivityId}", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(updates);
            Assert.Contains("Approved by", updates.OrderBy(u => u.ReceivedAt).Last().Body, StringComparison.Ordinal);
        }

        // The reminder, once, though both instances poll for it.
        var reminders = await WaitForAsync(
            () => connector.Requests.Count(r => r.Method == "POST" && r.Body.Contains($"urgent incident {incident} has not been taken", StringComparison.Ordinal)),
            count => count >= 1, "the incident's reminder in its thread", TimeSpan.FromSeconds(150));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, connector.Requests.Count(r => r.Method == "POST" && r.Body.Contains($"urgent incident {incident} has not been taken", StringComparison.Ordinal)));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Requests} requests x {ClicksPerRequest} clicks over 2 instances: {answers.Count} answers, {references.Length} decisions, {Enumerable.Range(1, Requests).Sum(i => PostsTo(Person(i).Chat).Length)} notices, {reminders} reminder"));
    }

    [Fact]
    public async Task When_one_instance_is_killed_mid_fan_out_the_other_delivers_the_rest_and_only_in_doubt_entries_can_repeat()
    {
        // A short lease, so the killed instance's claims expire within the test.
        await StartInstancesAsync(("Outbox:LeaseDuration", "00:00:05"));
        var outbox = new OutboxStore(new TableStorage(new TableServiceClient(azurite.ConnectionString), tablePrefix), TimeProvider.System);
        var ids = await Task.WhenAll(Enumerable.Range(1, FanOut).Select(i =>
            outbox.EnqueueAsync(OutboxMessage.Send(connector.BaseAddress.ToString(), Person(i).Chat, Activity.CreateMessage($"Notice {i}")))));

        // Kill instance A in the middle of the fan-out, without warning.
        await WaitForAsync(Delivered, sent => sent.Count >= FanOut / 3, "a third of the fan-out");
        await instances[0].KillAsync();
        var deliveredAtKill = Delivered().Count;

        // Instance B finishes: every entry ends Sent or InDoubt, none left pending or claimed.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(tablePrefix + TableNames.Outbox);
        var final = await WaitForAsync(
            () => table.Query<TableEntity>(e => e.PartitionKey == "outbox")
                .Where(e => e.RowKey.StartsWith("entry-", StringComparison.Ordinal) && e.GetString("ConversationId")?.StartsWith("a:staff-", StringComparison.Ordinal) == true)
                .ToList(),
            entries => entries.Count == FanOut && entries.All(e => e.GetString("Status") is "Sent" or "InDoubt"),
            "every entry sent or in doubt", TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var sent = Delivered();
        var inDoubt = final.Where(e => e.GetString("Status") == "InDoubt").Select(e => e.GetString("Id")).ToHashSet();
        var notices = Enumerable.Range(1, FanOut).ToDictionary(i => $"Notice {i}", i => sent.Count(body => body.Contains($"\"Notice {i}\"", StringComparison.Ordinal)));
        var twice = notices.Where(n => n.Value > 1).Select(n => n.Key).ToList();
        var neverSent = notices.Where(n => n.Value == 0).Select(n => n.Key).ToList();

        // Nothing delivered twice except what the outbox recorded as in doubt, nothing unaccounted for...
        Assert.Equal(FanOut, ids.Distinct().Count());
        Assert.True(twice.Count <= inDoubt.Count, $"{twice.Count} notices sent twice, {inDoubt.Count} entries in doubt");
        Assert.True(neverSent.Count <= inDoubt.Count, $"{neverSent.Count} notices never sent, but only {inDoubt.Count} entries in doubt");
        Assert.Equal(FanOut - inDoubt.Count, final.Count(e => e.GetString("Status") == "Sent"));

        // ...and Comms is told about each entry in doubt, in its channel, so someone checks with the recipient.
        foreach (var id in inDoubt)
        {
            await WaitForAsync(
                () => connector.Requests.Any(r => r.Method == "POST" && r.PathAndQuery == "/v3/conversations" && r.Body.Contains($"Outbox entry {id}", StringComparison.Ordinal) && r.Body.Contains("may not have delivered", StringComparison.Ordinal)),
                told => told, $"Comms told about the entry {id} in doubt");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fan-out of {FanOut}, instance A killed after {deliveredAtKill} sends: {inDoubt.Count} entries in doubt, {twice.Count} notices sent twice, {neverSent.Count} never sent, {sent.Count} sends in all"));
    }

    private const int FanOut = 300;

    /// <summary>Every notice body the connector received in a personal chat, repeats included.</summary>
    private List<string> Delivered() =>
        connector.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/v3/conversations/a%3Astaff-", StringComparison.Ordinal)).Select(r => r.Body).ToList();

    private async Task StartInstancesAsync(params (string Key, string Value)[] extra)
    {
        instanceUrls = [await StartInstanceAsync(extra), await StartInstanceAsync(extra)];
    }

    private async Task<Uri> StartInstanceAsync((string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = tablePrefix,
            ["Comms:TeamId"] = "19:comms-team@thread.tacv2",
            ["Comms:ChannelId"] = CommsChannel,
            ["Comms:ApproverIds:0"] = ApproverAadId,
            ["Escalation:ContactIds:0"] = BotApplicationFactory.SeniorManagerAadId,
            ["Support:CaseHandlerIds:0"] = ApproverAadId,
            ["Comms:ServiceUrl"] = connector.BaseAddress.ToString(),
            ["Incidents:AcknowledgeWithinMinutes"] = "1",
            ["Reminders:PollInterval"] = "00:00:01",
            ["Outbox:PollInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var (instance, url) = await BuiltBot.StartAsync(http, settings);
        instances.Add(instance);
        return url;
    }

    private sealed record Requester(string TeamsId, string AadId, string Name, string Chat);

    private static Requester Person(int i) => new(
        $"29:staff-{i}", $"3f0b9c2e-5555-4a6b-9c1d-{i.ToString("D12", CultureInfo.InvariantCulture)}", $"Staff {i}", $"a:staff-{i}-chat");

    private sealed record ChannelCard(string ConversationId, string ActivityId);

    /// <summary>Each request's channel card: the threads the bot started that carry its reference.</summary>
    private Dictionary<string, ChannelCard> ChannelThreads(IEnumerable<string> references)
    {
        var posts = connector.Requests.Where(r => r.Method == "POST" && r.PathAndQuery == "/v3/conversations").ToList();
        return references
            .Where(reference => posts.Any(p => p.Body.Contains(reference, StringComparison.Ordinal)))
            .ToDictionary(reference => reference, reference => new ChannelCard($"{CommsChannel};messageid={reference}", reference));
    }

    [GeneratedRegex(@"SMA-\d{4}-\d{4}|INC-\d{4}-\d{4}")]
    private static partial Regex Reference();

    private RecordedRequest[] PostsTo(string chat) =>
        connector.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/v3/conversations/{Uri.EscapeDataString(chat)}/activities", StringComparison.Ordinal)).ToArray();

    private async Task<JsonNode> PostAsync(JsonObject activity)
    {
        using var response = await http.PostAsJsonAsync(new Uri(proxy.BaseAddress, "/api/messages"), activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private JsonObject Approve(string reference, ChannelCard card)
    {
        var activity = Invoke(AccountRequestVerbs.Approve, new Dictionary<string, object?> { ["reference"] = reference, ["version"] = 1 }, new Requester("29:approver", ApproverAadId, "Morgan Reid", card.ConversationId), inChannel: true);
        activity["replyToId"] = card.ActivityId;
        return activity;
    }

    private JsonObject Invoke(string verb, object data, Requester from, bool inChannel) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.BaseAddress.ToString(),
        ["from"] = new JsonObject { ["id"] = from.TeamsId, ["name"] = from.Name, ["aadObjectId"] = from.AadId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = from.Chat, ["conversationType"] = inChannel ? "channel" : "personal", ["tenantId"] = "tenant-1" },
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = System.Text.Json.JsonSerializer.SerializeToNode(data) } },
    };

    private static Dictionary<string, string?> AccountInputs()
    {
        var inputs = AccountRequestSamples.ValidInputs();
        inputs["submissionId"] = Guid.NewGuid().ToString();
        return inputs;
    }

    private static Dictionary<string, string?> IncidentInputs()
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["noticedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        inputs["submissionId"] = Guid.NewGuid().ToString();
        return inputs;
    }

    private static string CardText(JsonNode answer) => WorkflowHarness.CardText(answer);

    private static string ReferenceIn(string prefix, string text)
    {
        var match = Regex.Match(text, prefix + @"-\d{4}-\d{4}");
        Assert.True(match.Success, $"No {prefix} reference in: {text}");
        return match.Value;
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Drain);
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(timeout ?? Drain).TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(250);
        }
    }
}
