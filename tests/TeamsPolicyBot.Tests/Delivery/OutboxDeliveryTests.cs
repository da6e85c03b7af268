using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery;

/// <summary>
/// No queued message is dropped: the real outbox over Azurite, the real connector client (the
/// outbox's single-attempt one) against a fake connector on loopback, a token provider that can be
/// made to fail, and a fake clock. A token or connection failure and a refusal (429 with Retry-After)
/// leave the entry Pending with no claim held and the next try on record, until it is delivered
/// exactly once; an entry still undelivered at its deadline is Failed and raised once in the Comms
/// channel; a turn's reply the connector does not take is answered 200 and delivered later.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class OutboxDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Conversation = "a:personal-chat";
    private const string TeamId = "19:comms-team@thread.tacv2";
    private const string ChannelId = "19:comms-approvals@thread.tacv2";
    private const string SomeoneAadId = "3f0b9c2e-1111-4a6b-9c1d-000000000001";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FlakyTokens tokens = new();
    private readonly string tablePrefix = AzuriteFixture.NewTablePrefix();
    private LoopbackHttpServer connector = null!;
    private ServiceProvider? services;

    /// <summary>How the fake answers a send to a conversation; null means 201.</summary>
    private Func<HttpContext, Task>? answerSend;

    public async Task InitializeAsync()
    {
        connector = await StartConnectorAsync();
        await azurite.CreateTablesAsync(tablePrefix);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await connector.DisposeAsync();
    }

    private string ServiceUrl => connector.BaseAddress.ToString();

    private Task<LoopbackHttpServer> StartConnectorAsync(int port = 0) => LoopbackHttpServer.StartAsync(
        app =>
        {
            app.MapPost("/v3/conversations", () => Results.Json(new { id = "19:comms-approvals@thread.tacv2;messageid=1712000000001", activityId = "1712000000001" }, statusCode: 201));
            // A send to a conversation, or a reply to one of its activities (what a turn sends).
            app.MapPost("/v3/conversations/{id}/activities/{**replyTo}", (HttpContext context) => answerSend?.Invoke(context) ?? Results.Json(new { id = "1712000000002" }, statusCode: 201).ExecuteAsync(context));
        },
        port);

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = tablePrefix,
            ["Comms:TeamId"] = TeamId,
            ["Comms:ChannelId"] = ChannelId,
            ["Comms:ServiceUrl"] = ServiceUrl,
            ["Comms:ApproverIds:0"] = SomeoneAadId,
            ["Escalation:ContactIds:0"] = SomeoneAadId,
            ["Support:CaseHandlerIds:0"] = SomeoneAadId,
            ["Outbox:FirstRetryDelay"] = "00:00:01",
            ["Outbox:MaxRetryDelay"] = "00:00:10",
            ["Outbox:DeliveryDeadline"] = "00:01:00",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The app's own registrations, with the fake clock and the flaky token provider swapped in.</summary>
    private void AddBot(IServiceCollection collection, IConfiguration configuration) => collection
        .AddLogging()
        .AddSingleton(configuration)
        .AddBotProtocol(configuration)
        .AddPolicySettings()
        .AddTableStorage(configuration)
        .AddOutbox()
        .AddSingleton<TimeProvider>(time)
        .AddSingleton<IConnectorTokenProvider>(tokens);

    private ServiceProvider Services
    {
        get
        {
            if (services is null)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
                var collection = new ServiceCollection().AddSingleton(Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development));
                AddBot(collection, configuration);
                services = collection.BuildServiceProvider();
            }

            return services;
        }
    }

    private OutboxStore Outbox => Services.GetRequiredService<OutboxStore>();

    private OutboxProcessor Worker => Services.GetRequiredService<OutboxProcessor>();

    private RecordedRequest[] Sends => connector.Requests.Where(r => r.PathAndQuery.Contains("/activities", StringComparison.Ordinal)).ToArray();

    private RecordedRequest[] ChannelPosts => connector.Requests.Where(r => r.PathAndQuery == "/v3/conversations").ToArray();

    private Task<string> EnqueueAsync(string serviceUrl, string text, DeliveryTag? tag = null) =>
        Outbox.EnqueueAsync(OutboxMessage.Send(serviceUrl, Conversation, Activity.CreateMessage(text), tag));

    /// <summary>Runs the worker the way its loop does, jumping the fake clock to each wake-up, until <paramref name="done"/>.</summary>
    private async Task RunUntilAsync(Func<Task<bool>> done, int maxCycles = 200)
    {
        for (var cycle = 0; cycle < maxCycles; cycle++)
        {
            if (await done())
            {
                return;
            }

            var next = await Worker.RunOnceAsync(CancellationToken.None);
            if (next > time.GetUtcNow())
            {
                time.SetUtcNow(next);
            }
        }

        Assert.Fail($"not done after {maxCycles} worker cycles");
    }

    private async Task<bool> IsAsync(string id, OutboxStatus status) => (await Outbox.GetAsync(id))!.Status == status;

    [Fact]
    public async Task An_entry_whose_token_could_not_be_had_stays_pending_unclaimed_and_is_delivered_once_after_the_token_provider_recovers()
    {
        tokens.FailuresLeft = 2;
        var id = await EnqueueAsync(ServiceUrl, "Urgent: a new incident report", new DeliveryTag("incident", "INC-2026-0001"));

        await Worker.RunOnceAsync(CancellationToken.None);

        var waiting = (await Outbox.GetAsync(id))!;
        Assert.Equal((OutboxStatus.Pending, 1, null), (waiting.Status, waiting.Attempts, waiting.ClaimId));
        Assert.Contains("NotSent", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(1), waiting.NextAttemptAt);
        Assert.Empty(connector.Requests);

        await RunUntilAsync(() => IsAsync(id, OutboxStatus.Sent));

        var sent = (await Outbox.GetAsync(id))!;
        Assert.Equal((3, null), (sent.Attempts, sent.NextAttemptAt));
        Assert.Equal(3, tokens.Calls);
        Assert.Contains("Urgent: a new incident report", Assert.Single(Sends).Body, StringComparison.Ordinal);
        Assert.Equal("Bearer connector-token", Sends[0].Authorization);
    }

    [Fact]
    public async Task An_entry_whose_connection_was_refused_is_retried_and_delivered_once_when_the_connector_is_back()
    {
        var port = FreePort.Next();
        var id = await EnqueueAsync($"http://127.0.0.1:{port}/", "hello");

        await Worker.RunOnceAsync(CancellationToken.None);
        var waiting = (await Outbox.GetAsync(id))!;
        Assert.Equal((OutboxStatus.Pending, 1, null), (waiting.Status, waiting.Attempts, waiting.ClaimId));
        Assert.Contains("NotSent", waiting.LastError, StringComparison.Ordinal);

        await using var back = await StartConnectorAsync(port);
        await RunUntilAsync(() => IsAsync(id, OutboxStatus.Sent));

        Assert.Single(back.Requests);
        Assert.Equal(2, (await Outbox.GetAsync(id))!.Attempts);
    }

    [Fact]
    public async Task A_429_releases_the_claim_at_once_with_the_attempt_and_the_Retry_After_time_on_the_entry()
    {
        var refused = 0;
        answerSend = context =>
        {
            if (Interlocked.Increment(ref refused) > 1)
            {
                return Results.Json(new { id = "1712000000003" }, statusCode: 201).ExecuteAsync(context);
            }

            context.Response.Headers.RetryAfter = "30";
            return Results.Json(new { error = new { code = "Throttled", message = "slow down" } }, statusCode: 429).ExecuteAsync(context);
        };
        var id = await EnqueueAsync(ServiceUrl, "hello");
        var refusedAt = time.GetUtcNow();

        await Worker.RunOnceAsync(CancellationToken.None);

        // One request (no retry inside the call), and the entry records the refusal with no claim held.
        Assert.Single(Sends);
        var waiting = (await Outbox.GetAsync(id))!;
        Assert.Equal((OutboxStatus.Pending, 1, null, refusedAt.AddSeconds(30)), (waiting.Status, waiting.Attempts, waiting.ClaimId, waiting.NextAttemptAt));
        Assert.Contains("Throttled (HTTP 429", waiting.LastError, StringComparison.Ordinal);
        var due = await Outbox.ReadDueAsync(refusedAt.AddSeconds(30), 10).ToListAsync();
        Assert.False(Assert.Single(due).IsLease);

        time.Advance(TimeSpan.FromSeconds(29));
        await Worker.RunOnceAsync(CancellationToken.None);
        Assert.Single(Sends);

        time.Advance(TimeSpan.FromSeconds(1));
        await Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Sends.Length);
        Assert.Equal(OutboxStatus.Sent, (await Outbox.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task An_entry_still_refused_at_its_deadline_is_failed_and_raised_once_in_the_Comms_channel_without_its_content()
    {
        answerSend = context => Results.StatusCode(503).ExecuteAsync(context);
        var id = await EnqueueAsync(ServiceUrl, "CONFIDENTIAL details of the report", new DeliveryTag("incident", "INC-2026-0009"));

        await RunUntilAsync(() => IsAsync(id, OutboxStatus.Failed));
        var failed = (await Outbox.GetAsync(id))!;
        Assert.Contains("deadline", failed.FailureReason, StringComparison.Ordinal);
        Assert.True(failed.CompletedAt >= failed.EnqueuedAt + TimeSpan.FromMinutes(1));
        await RunUntilAsync(async () => ChannelPosts.Length > 0);
        time.Advance(TimeSpan.FromHours(1));
        await Worker.RunOnceAsync(CancellationToken.None);

        var notice = BotJson.Deserialize<ConversationParameters>(Assert.Single(ChannelPosts).Body)!;
        Assert.Equal(ChannelId, notice.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString());
        Assert.Contains("incident/INC-2026-0009", notice.Activity!.Text, StringComparison.Ordinal);
        Assert.Contains(id, notice.Activity.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CONFIDENTIAL", notice.Activity.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Conversation, notice.Activity.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reply_the_connector_does_not_take_during_a_turn_is_answered_200_and_delivered_later_through_the_outbox(bool throttled)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(Settings(new() { ["MicrosoftAppId"] = "" }));
        AddBot(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<IActivityHandler, PongHandler>();
        await using var app = builder.Build();
        app.MapBotEndpoint();
        await app.StartAsync();
        var refusals = 0;
        if (throttled)
        {
            // Longer than a turn can wait: the reply comes back throttled at once and goes to the outbox.
            answerSend = context =>
            {
                if (Interlocked.Increment(ref refusals) > 1)
                {
                    return Results.Json(new { id = "1712000000004" }, statusCode: 201).ExecuteAsync(context);
                }

                context.Response.Headers.RetryAfter = "30";
                return Results.StatusCode(429).ExecuteAsync(context);
            };
        }
        else
        {
            tokens.FailuresLeft = 1;
        }

        var activity = JsonSerializer.Serialize(new
        {
            type = "message",
            id = "1712000000100",
            text = "ping",
            channelId = "msteams",
            serviceUrl = ServiceUrl,
            from = new { id = "29:someone" },
            recipient = new { id = "28:bot" },
            conversation = new { id = Conversation, conversationType = "personal" },
        });
        using var response = await app.GetTestClient().PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusedInTheTurn = throttled ? 1 : 0;
        // The outbox worker wakes as soon as the reply is queued, so it may have delivered it already.
        Assert.InRange(Sends.Length, refusedInTheTurn, refusedInTheTurn + 1);

        // The app's own outbox worker (sleeping on the fake clock) sends it at the next try.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (Sends.Length == refusedInTheTurn)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, timeout.Token);
        }

        await Task.Delay(200);
        Assert.Equal(refusedInTheTurn + 1, Sends.Length);
        Assert.All(Sends, send => Assert.Contains("pong", send.Body, StringComparison.Ordinal));
        await app.StopAsync();
    }

    private sealed class PongHandler : IActivityHandler
    {
        public async Task<InvokeResponse?> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
        {
            await turn.SendAsync(Activity.CreateMessage("pong"), cancellationToken);
            return null;
        }
    }

    /// <summary>Fails the next <see cref="FailuresLeft"/> token requests as Entra would when it cannot be reached, then hands out a token.</summary>
    private sealed class FlakyTokens : IConnectorTokenProvider
    {
        private int failuresLeft;
        private int calls;

        public int FailuresLeft
        {
            get => Volatile.Read(ref failuresLeft);
            set => Volatile.Write(ref failuresLeft, value);
        }

        public int Calls => Volatile.Read(ref calls);

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Interlocked.Decrement(ref failuresLeft) >= 0
                ? Task.FromException<string?>(new MsalServiceException("temporarily_unavailable", "Entra is not answering"))
                : Task.FromResult<string?>("connector-token");
        }
    }
}
