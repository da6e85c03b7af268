using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Protocol.Connector;

/// <summary>The real connector client, resilience handler included, against a fake connector on loopback.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Conversation = "19:abc@thread.tacv2;messageid=42";
    private readonly Queue<Func<HttpContext, Task>> scriptedAnswers = new();
    private LoopbackHttpServer connector = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        connector = await LoopbackHttpServer.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
            scriptedAnswers.TryDequeue(out var answer) ? answer(context) : Json(context, 200, new { id = "activity-1" })));
        services = CreateServices(token: "connector-token");
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
    }

    private static ServiceProvider CreateServices(string? token)
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(token);
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development))
            .AddBotProtocol(new ConfigurationBuilder().Build());
        collection.AddSingleton(tokens.Object);
        return collection.BuildServiceProvider();
    }

    private IConnectorClient Client => services.GetRequiredService<IConnectorClient>();

    private string ServiceUrl => connector.BaseAddress.ToString();

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private void Answer(int status, object? body = null, string? retryAfter = null) => scriptedAnswers.Enqueue(context =>
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return body is null ? Task.FromResult(context.Response.StatusCode = status) : Json(context, status, body);
    });

    /// <summary>The request arrives, and the connection is dropped without an answer.</summary>
    private void AnswerWithNothing() => scriptedAnswers.Enqueue(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    private static object Error(string code) => new { error = new { code, message = "from the fake connector" } };

    [Fact]
    public async Task Each_operation_uses_the_documented_route_and_the_bot_token()
    {
        var message = Activity.CreateMessage("hello");

        await Client.SendAsync(ServiceUrl, Conversation, message);
        await Client.ReplyAsync(ServiceUrl, Conversation, "1700000000000", message);
        await Client.UpdateActivityAsync(ServiceUrl, Conversation, "1700000000000", message);
        await Client.CreateConversationAsync(ServiceUrl, new ConversationParameters { IsGroup = true, Activity = message });
        await Client.GetMemberAsync(ServiceUrl, Conversation, "29:user-1");
        await Client.GetPagedMembersAsync(ServiceUrl, "19:team@thread.tacv2", continuationToken: "next page", pageSize: 50);

        var escaped = Uri.EscapeDataString(Conversation);
        Assert.Equal(
            [
                $"POST /v3/conversations/{escaped}/activities",
                $"POST /v3/conversations/{escaped}/activities/1700000000000",
                $"PUT /v3/conversations/{escaped}/activities/1700000000000",
                "POST /v3/conversations",
                $"GET /v3/conversations/{escaped}/members/29%3Auser-1",
                "GET /v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?pageSize=50&continuationToken=next%20page",
            ],
            connector.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(connector.Requests, r => Assert.Equal("Bearer connector-token", r.Authorization));
    }

    [Fact]
    public async Task The_activity_is_sent_as_camel_case_json_without_nulls()
    {
        await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hello"));

        using var body = JsonDocument.Parse(connector.Requests.Single().Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello", body.RootElement.GetProperty("text").GetString());
        Assert.False(body.RootElement.TryGetProperty("replyToId", out _));
    }

    [Fact]
    public async Task Answers_are_read_into_typed_results()
    {
        Answer(200, new { id = "29:user-1", aadObjectId = "0f6e5c1a-0000-4000-8000-000000000001", email = "ada@example.ac.uk", userPrincipalName = "ada@example.ac.uk" });
        Answer(201, new { id = "19:abc@thread.tacv2;messageid=99", activityId = "99" });

        var member = await Client.GetMemberAsync(ServiceUrl, Conversation, "29:user-1");
        var created = await Client.CreateConversationAsync(ServiceUrl, new ConversationParameters { IsGroup = true });

        Assert.Equal("ada@example.ac.uk", member.Value!.Email);
        Assert.Equal("0f6e5c1a-0000-4000-8000-000000000001", member.Value.AadObjectId);
        Assert.Equal(ConnectorStatus.Succeeded, created.Status);
        Assert.Equal("99", created.Value!.ActivityId);
    }

    [Fact]
    public async Task No_token_is_sent_when_authentication_is_off()
    {
        await using var unauthenticated = CreateServices(token: null);

        await unauthenticated.GetRequiredService<IConnectorClient>().SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Null(connector.Requests.Single().Authorization);
    }

    [Fact]
    public async Task A_throttled_send_waits_as_long_as_Retry_After_says_then_succeeds()
    {
        Answer(429, Error("Throttled"), retryAfter: "1");

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.Succeeded, result.Status);
        var attempts = connector.Requests.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(950), "the retry came before Retry-After elapsed");
    }

    [Fact]
    public async Task A_throttled_send_whose_Retry_After_would_outlast_the_turn_comes_back_at_once()
    {
        Answer(429, Error("Throttled"), retryAfter: "30");

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal((ConnectorStatus.Throttled, TimeSpan.FromSeconds(30)), (result.Status, result.RetryAfter));
        Assert.Single(connector.Requests);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Gateway_and_availability_errors_are_retried(int status)
    {
        Answer(status);

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.Succeeded, result.Status);
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task A_lasting_outage_comes_back_as_transient_after_the_retries()
    {
        for (var i = 0; i < 4; i++)
        {
            Answer(503);
        }

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.TransientFailure, result.Status);
        Assert.True(result.IsTransient);
        Assert.Equal(4, connector.Requests.Count);
    }

    public static TheoryData<int, string?, ConnectorStatus> PermanentFailures => new()
    {
        { 403, "BotNotInConversationRoster", ConnectorStatus.NotInRoster },
        { 404, "ConversationNotFound", ConnectorStatus.ConversationNotFound },
        { 400, "BadArgument", ConnectorStatus.PermanentFailure },
        { 401, null, ConnectorStatus.PermanentFailure },
        { 500, "ServiceError", ConnectorStatus.PermanentFailure },
    };

    [Theory]
    [MemberData(nameof(PermanentFailures))]
    public async Task Permanent_failures_return_at_once_as_distinct_results(int status, string? code, ConnectorStatus expected)
    {
        Answer(status, code is null ? null : Error(code));

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(expected, result.Status);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(result.IsTransient);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task An_unreachable_connector_is_not_sent_and_safe_to_retry()
    {
        var closedPort = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var result = await Client.SendAsync(closedPort.ToString(), Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.NotSent, result.Status);
        Assert.True(result.IsTransient);
        Assert.True(result.IsSafeToRetry);
    }

    [Fact]
    public async Task A_token_that_cannot_be_had_is_not_sent_and_nothing_reaches_the_connector()
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("login.microsoftonline.com unreachable"));
        await using var withoutToken = CreateServices(token: null);
        var client = ActivatorUtilities.CreateInstance<ConnectorClient>(withoutToken, withoutToken.GetRequiredService<IHttpClientFactory>().CreateClient(), tokens.Object);

        var result = await client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.NotSent, result.Status);
        Assert.True(result.IsSafeToRetry);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task A_post_that_got_no_answer_is_reported_as_such_and_not_repeated()
    {
        AnswerWithNothing();

        var result = await Client.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.NoAnswer, result.Status);
        Assert.False(result.IsSafeToRetry);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task A_read_that_got_no_answer_is_repeated()
    {
        AnswerWithNothing();

        var result = await Client.GetMemberAsync(ServiceUrl, Conversation, "29:user-1");

        Assert.Equal(ConnectorStatus.Succeeded, result.Status);
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task The_single_attempt_client_returns_a_throttled_send_at_once_with_its_Retry_After()
    {
        Answer(429, Error("Throttled"), retryAfter: "30");
        var singleAttempt = services.GetRequiredKeyedService<IConnectorClient>(ConnectorClients.SingleAttempt);

        var started = DateTimeOffset.UtcNow;
        var result = await singleAttempt.SendAsync(ServiceUrl, Conversation, Activity.CreateMessage("hi"));

        Assert.Equal(ConnectorStatus.Throttled, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Single(connector.Requests);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "the single-attempt client waited inside the call");
        Assert.Equal("Bearer connector-token", connector.Requests.Single().Authorization);
    }
}
