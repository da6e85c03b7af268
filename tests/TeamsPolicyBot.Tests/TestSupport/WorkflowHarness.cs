using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// A workflow driven through the whole app: invokes in over /api/messages, Azurite for the records,
/// the real outbox worker sending to a fake connector on loopback. The fake answers a new channel
/// thread with <see cref="ChannelThread"/> (card id 9001) and everything else with success.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    public const string BotId = "28:bot";
    public const string CommsChannel = "19:comms-approvals@thread.tacv2";
    public const string ChannelThread = CommsChannel + ";messageid=9001";
    public const string PersonalChat = "a:requester-chat";
    public const string GroupChat = "19:group-chat@thread.v2";

    private WorkflowHarness(LoopbackHttpServer connector, WebApplicationFactory<Program> app)
    {
        Connector = connector;
        App = app;
    }

    public LoopbackHttpServer Connector { get; }

    public WebApplicationFactory<Program> App { get; }

    /// <param name="map">Extra connector endpoints (e.g. member lookups), mapped before the defaults.</param>
    /// <param name="settings">Extra or changed app settings (e.g. <c>Directory:Managers:…</c>).</param>
    /// <param name="logs">Collects every log line the app writes, at every level.</param>
    /// <param name="services">Replaces app services after the app registered its own (e.g. a messenger that fails once).</param>
    public static async Task<WorkflowHarness> StartAsync(
        AzuriteFixture azurite,
        Action<IEndpointRouteBuilder>? map = null,
        Action<Dictionary<string, string?>>? settings = null,
        FakeLogCollector? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var connector = await LoopbackHttpServer.StartAsync(endpoints =>
        {
            endpoints.MapPost("/v3/conversations", () => Results.Json(new { id = ChannelThread, activityId = "9001" }));
            map?.Invoke(endpoints);
            endpoints.Map("/{**path}", () => Results.Json(new { id = "sent" }));
        });
        var factory = new BotApplicationFactory(azurite);
        settings?.Invoke(factory.Settings);
        WebApplicationFactory<Program> app = logs is null && services is null
            ? factory
            : factory.WithWebHostBuilder(host => host.ConfigureServices(registered =>
            {
                if (logs is not null)
                {
                    registered.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
                }

                services?.Invoke(registered);
            }));
        return new WorkflowHarness(connector, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>An Action.Execute click, in the Comms channel thread or in the person's personal chat with the bot.</summary>
    /// <param name="personalChat">The personal chat's conversation id, when not in the channel (one per person keeps their messages apart).</param>
    public JsonObject Invoke(string verb, object data, string fromTeamsId, string fromAadId, string fromName, bool inChannel, string personalChat = PersonalChat)
    {
        var value = JsonSerializer.SerializeToNode(data)!.AsObject();
        return new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = Connector.BaseAddress.ToString(),
            ["from"] = new JsonObject { ["id"] = fromTeamsId, ["name"] = fromName, ["aadObjectId"] = fromAadId },
            ["recipient"] = new JsonObject { ["id"] = BotId },
            ["conversation"] = inChannel
                ? new JsonObject { ["id"] = ChannelThread, ["conversationType"] = "channel", ["tenantId"] = "tenant-1" }
                : new JsonObject { ["id"] = personalChat, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = value } },
        };
    }

    /// <summary>A message extension invoke (<c>composeExtension/…</c>) from a group chat, where message actions and searches are used.</summary>
    public JsonObject ExtensionInvoke(string name, JsonObject value, string fromTeamsId, string fromAadId, string fromName) => new()
    {
        ["type"] = "invoke",
        ["name"] = name,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = Connector.BaseAddress.ToString(),
        ["from"] = new JsonObject { ["id"] = fromTeamsId, ["name"] = fromName, ["aadObjectId"] = fromAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId },
        ["conversation"] = new JsonObject { ["id"] = GroupChat, ["conversationType"] = "groupChat", ["tenantId"] = "tenant-1" },
        ["value"] = value,
    };

    /// <summary>A message (typed <paramref name="text"/>, or an Action.Submit's <paramref name="value"/>) in a personal chat with the bot.</summary>
    public JsonObject Message(string? text, object? value, string fromTeamsId, string fromAadId, string fromName, string conversationId = PersonalChat)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = Connector.BaseAddress.ToString(),
            ["from"] = new JsonObject { ["id"] = fromTeamsId, ["name"] = fromName, ["aadObjectId"] = fromAadId },
            ["recipient"] = new JsonObject { ["id"] = BotId },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = JsonSerializer.SerializeToNode(value);
        }

        return activity;
    }

    /// <summary>Posts any activity; a message's answer is empty (what the bot says goes to the connector).</summary>
    public async Task SendAsync(JsonObject activity)
    {
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonNode> PostAsync(JsonObject activity)
    {
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public RecordedRequest[] Calls(string method, string pathStart) =>
        Connector.Requests.Where(r => r.Method == method && r.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal)).ToArray();

    /// <summary>The outbox sends in the background: wait for what it should have sent, not a fixed time.</summary>
    public async Task<RecordedRequest[]> WaitForCallsAsync(string method, string pathStart, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (Calls(method, pathStart).Length < count)
        {
            await Task.Delay(50, timeout.Token);
        }

        return Calls(method, pathStart);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (e.g. a delivery was recorded on a record).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public static string CardText(JsonNode invokeAnswer) => invokeAnswer["value"]!.ToJsonString();

    public static bool IsCard(JsonNode invokeAnswer) => invokeAnswer["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive";
}
