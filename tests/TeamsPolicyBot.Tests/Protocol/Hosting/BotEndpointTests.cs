using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.Protocol.Authentication;

namespace TeamsPolicyBot.Tests.Protocol.Hosting;

/// <summary>The HTTP edge, with real token validation against a fake connector issuer.</summary>
public sealed class BotEndpointTests : IAsyncLifetime
{
    private const string BotTenant = "b5c2e8a4-0000-4000-8000-000000000000";
    private const string SisterTenant = "c6d3f9b5-1111-4111-8111-111111111111";
    private const string OtherTenant = "d7e4a0c6-2222-4222-8222-222222222222";

    private readonly Mock<IActivityHandler> handler = new();
    private FakeBotConnectorIssuer issuer = null!;
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        issuer = await FakeBotConnectorIssuer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["MicrosoftAppId"] = FakeBotConnectorIssuer.AppId;
        builder.Configuration["MicrosoftAppPassword"] = "secret";
        builder.Configuration["MicrosoftAppTenantId"] = BotTenant;
        builder.Configuration["Bot:AllowedTenantIds:0"] = SisterTenant;
        builder.Configuration["BotOpenIdMetadata"] = issuer.MetadataUrl;
        builder.Services.AddBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(handler.Object);
        app = builder.Build();
        app.MapBotEndpoint();
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await issuer.DisposeAsync();
    }

    private static string ActivityJson(string type, string? name = null, string tenant = BotTenant) => JsonSerializer.Serialize(new
    {
        type,
        name,
        id = "1",
        channelId = "msteams",
        serviceUrl = FakeBotConnectorIssuer.ServiceUrl,
        from = new { id = "29:user" },
        recipient = new { id = "28:bot" },
        conversation = new { id = "a:personal", conversationType = "personal", tenantId = tenant },
        channelData = new { tenant = new { id = tenant } },
        value = name is null ? null : new { action = new { type = "Action.Execute", verb = "approve" } },
    });

    private Task<HttpResponseMessage> Post(string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_message_from_the_connector_is_handled_and_answered_with_an_empty_200()
    {
        var response = await Post(ActivityJson("message"), issuer.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        handler.Verify(h => h.HandleAsync(It.Is<ITurnContext>(t => t.Activity.Type == "message"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task An_invoke_gets_the_handler_answer_as_the_response_body()
    {
        using var card = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[]}""");
        handler.Setup(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(InvokeResponse.Card(card.RootElement.Clone()));

        var response = await Post(ActivityJson("invoke", "adaptiveCard/action"), issuer.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.RootElement.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_handled_turn_says_how_long_the_bot_took_in_a_Server_Timing_header_and_a_refused_one_does_not()
    {
        handler.Setup(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(60));
                return InvokeResponse.Ok();
            });

        var handled = await Post(ActivityJson("invoke", "adaptiveCard/action"), issuer.CreateToken());
        var refused = await Post(ActivityJson("invoke", "adaptiveCard/action"));

        var timing = Assert.Single(handled.Headers.GetValues("Server-Timing"));
        var match = System.Text.RegularExpressions.Regex.Match(timing, @"^turn;dur=(\d+\.\d)$");
        Assert.True(match.Success, timing);
        Assert.InRange(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 60, 60_000);
        Assert.False(refused.Headers.Contains("Server-Timing"));
    }

    [Fact]
    public async Task A_failed_authentication_is_401_and_the_activity_is_never_handled()
    {
        var noHeader = await Post(ActivityJson("message"));
        var forged = await Post(ActivityJson("message"), issuer.CreateToken(audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, noHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("this is not json", "not a JSON activity")]
    [InlineData("""{"text":"no type"}""", "has no type")]
    [InlineData("[1,2,3]", "not a JSON activity")]
    [InlineData("""{"type":"message","text":"no conversation"}""", "has no conversation")]
    [InlineData("""{"type":"message","conversation":{"id":" "}}""", "has no conversation")]
    public async Task A_body_that_is_not_an_activity_is_400_with_a_short_reason(string body, string reason)
    {
        var response = await Post(body, issuer.CreateToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = ActivityJson("message").Replace("\"1\"", $"\"{new string('x', BotEndpoint.MaxBodyBytes)}\"", StringComparison.Ordinal);

        var response = await Post(huge, issuer.CreateToken());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Only_POST_is_accepted()
    {
        var response = await client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData(BotTenant)]
    [InlineData(SisterTenant)]
    [InlineData("B5C2E8A4-0000-4000-8000-000000000000")]
    public async Task The_bots_own_tenant_and_the_allowed_ones_pass_the_tenant_gate(string tenant)
    {
        var response = await Post(ActivityJson("message", tenant: tenant), issuer.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    public static TheoryData<string, string> OtherTenants => new()
    {
        { "another tenant", ActivityJson("message", tenant: OtherTenant) },
        { "another tenant's invoke", ActivityJson("invoke", "adaptiveCard/action", tenant: OtherTenant) },
        { "no tenant at all", ActivityJson("message").Replace($",\"tenantId\":\"{BotTenant}\"", "", StringComparison.Ordinal).Replace($",\"channelData\":{{\"tenant\":{{\"id\":\"{BotTenant}\"}}}}", "", StringComparison.Ordinal) },
        { "channel data names another tenant", ActivityJson("message").Replace($"\"tenant\":{{\"id\":\"{BotTenant}\"}}", $"\"tenant\":{{\"id\":\"{OtherTenant}\"}}", StringComparison.Ordinal) },
        { "conversation names another tenant", ActivityJson("message").Replace($"\"tenantId\":\"{BotTenant}\"", $"\"tenantId\":\"{OtherTenant}\"", StringComparison.Ordinal) },
        { "tenant of the wrong type", ActivityJson("message").Replace($"\"tenant\":{{\"id\":\"{BotTenant}\"}}", "\"tenant\":[1,2]", StringComparison.Ordinal) },
        { "tenant id that is not a GUID", ActivityJson("message", tenant: "contoso.onmicrosoft.com") },
    };

    [Theory]
    [MemberData(nameof(OtherTenants))]
    public async Task An_activity_from_a_tenant_the_bot_does_not_serve_is_403_and_never_handled(string why, string body)
    {
        var response = await Post(body, issuer.CreateToken());

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, why);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task When_the_signing_keys_cannot_be_fetched_the_answer_is_503_so_Teams_retries()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["MicrosoftAppId"] = FakeBotConnectorIssuer.AppId;
        builder.Configuration["MicrosoftAppPassword"] = "secret";
        builder.Configuration["MicrosoftAppTenantId"] = BotTenant;
        // A 404 is not retried by the resilience handler, so the failed fetch is quick.
        builder.Configuration["BotOpenIdMetadata"] = new Uri(new Uri(issuer.MetadataUrl), "/no-metadata-here").ToString();
        builder.Services.AddBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(handler.Object);
        await using var cold = builder.Build();
        cold.MapBotEndpoint();
        await cold.StartAsync();
        using var coldClient = cold.GetTestClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(ActivityJson("message"), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.CreateToken());
        using var signed = await coldClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signed.StatusCode);
        Assert.NotNull(signed.Headers.RetryAfter);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_body_cut_short_by_the_sender_is_a_bad_request_not_an_unhandled_error()
    {
        // Kestrel, not the test server: it is Kestrel that notices a body ending before its Content-Length (a sender's
        // timeout, a dropped connection). That is the sender's doing: no error with a stack trace, no turn.
        var logs = new FakeLogCollector();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        builder.Configuration["MicrosoftAppId"] = FakeBotConnectorIssuer.AppId;
        builder.Configuration["MicrosoftAppPassword"] = "secret";
        builder.Configuration["MicrosoftAppTenantId"] = BotTenant;
        builder.Configuration["BotOpenIdMetadata"] = issuer.MetadataUrl;
        builder.Services.AddBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(handler.Object);
        await using var kestrel = builder.Build();
        var requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        kestrel.Use((context, next) =>
        {
            requestArrived.TrySetResult();
            return next(context);
        });
        kestrel.MapBotEndpoint();
        await kestrel.StartAsync();
        var address = new Uri(kestrel.Urls.Single());

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port);
            var head = $"POST /api/messages HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(Encoding.UTF8.GetBytes(ActivityJson("message"))[..20]).ToArray());
            // Cut off only once the request is in the app (a fixed pause lost this race on a busy machine): the endpoint is
            // then waiting for the rest of the body, as when a real sender gives up part-way.
            await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            tcp.Client.Shutdown(SocketShutdown.Send);
            try
            {
                await stream.CopyToAsync(Stream.Null); // until Kestrel closes the connection
            }
            catch (IOException)
            {
                // Kestrel may reset it instead: the request was never whole.
            }
        }

        await kestrel.StopAsync();
        Assert.Contains(logs.GetSnapshot(), log => log.Message.Contains("body ended before its stated length", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), log => log.Level >= LogLevel.Error);
        handler.Verify(h => h.HandleAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
