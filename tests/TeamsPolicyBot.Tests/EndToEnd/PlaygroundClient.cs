using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>Something the Playground pushed to its page: a message the bot posted or updated.</summary>
/// <param name="Sequence">Arrival order, for <see cref="PlaygroundClient.Mark"/>.</param>
/// <param name="Action">"createMessage", "updateMessage", "typing", ...</param>
/// <param name="ConversationId">
/// Where it shows: the chat, or for a channel reply the post ("19:...;messageid=..."); for the first
/// message of a channel post (a new thread the bot started, or its update) the channel itself.
/// </param>
/// <param name="Message">The message as the page gets it: messageId, from, text, attachments (contentType, content).</param>
public sealed record PlaygroundEvent(long Sequence, string Action, string? ConversationId, JsonElement Message)
{
    public string? MessageId => Message.ValueKind == JsonValueKind.Object && Message.TryGetProperty("messageId", out var id) ? id.GetString() : null;

    public string? FromId =>
        Message.ValueKind == JsonValueKind.Object && Message.TryGetProperty("from", out var from) && from.TryGetProperty("id", out var id) ? id.GetString() : null;

    public string? Text => Message.ValueKind == JsonValueKind.Object && Message.TryGetProperty("text", out var text) ? text.GetString() : null;

    /// <summary>For a createMessage that starts a channel post (a new thread): the post's conversation id, "19:...;messageid=...".</summary>
    public string? PostConversationId =>
        Message.ValueKind == JsonValueKind.Object && Message.TryGetProperty("postConversationId", out var post) ? post.GetString() : null;

    public IReadOnlyList<JsonElement> Attachments =>
        Message.ValueKind == JsonValueKind.Object && Message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? [.. attachments.EnumerateArray()]
            : [];
}

/// <summary>What the Playground answered when a message was typed.</summary>
/// <param name="MessageId">The Playground's id of the typed message.</param>
/// <param name="PostConversationId">In a channel, each new message starts a post: the bot's replies go to this conversation.</param>
public sealed record SentMessage(string MessageId, string? PostConversationId);

/// <summary>
/// Drives Microsoft 365 Agents Playground through the same API its page uses
/// (/_conversation/v1/..., /_internal/v1/customActivities, /_debug/...) and reads what the bot
/// sends from its WebSocket. Request bodies are the ones the page's own code builds.
/// </summary>
public sealed class PlaygroundClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<PlaygroundEvent> events = [];
    private readonly PlaygroundTenant tenant;
    private TaskCompletionSource eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? receiving;

    private PlaygroundClient(Uri baseAddress, PlaygroundTenant tenant)
    {
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        this.tenant = tenant;
    }

    public static async Task<PlaygroundClient> ConnectAsync(Uri baseAddress, PlaygroundTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var client = new PlaygroundClient(baseAddress, tenant);
        try
        {
            var ws = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/_ws_conversation/v1/conversations/stream" }.Uri;
            await client.socket.ConnectAsync(ws, client.stop.Token);
            client.receiving = client.ReceiveAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The position in the stream of events; wait for events after it with <see cref="NextBotMessageAsync"/>.</summary>
    public long Mark()
    {
        lock (events)
        {
            return events.Count;
        }
    }

    /// <summary>
    /// Types a message as the current user (the Playground always sends typed messages as them).
    /// With <paramref name="mentionBot"/>, the text starts with an @mention of the bot, as the page
    /// does; in channels and group chats only such messages reach the bot.
    /// </summary>
    public async Task<SentMessage> SendMessageAsync(string conversationId, string text, bool mentionBot = false)
    {
        var body = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = tenant.People.Staff.Id },
            ["textFormat"] = "plain",
        };
        if (mentionBot)
        {
            var mention = $"<at>{tenant.Bot.Name}</at>";
            body["text"] = $"{mention} {text}";
            body["mentions"] = new JsonArray(new JsonObject { ["mentioned"] = new JsonObject { ["id"] = tenant.Bot.Id }, ["text"] = mention });
        }
        else
        {
            body["text"] = text;
        }

        var answer = await PostAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body);
        return new SentMessage(
            answer.GetProperty("messageId").GetString()!,
            answer.TryGetProperty("postConversationId", out var post) ? post.GetString() : null);
    }

    /// <summary>Clicks an Action.Submit on a card the bot sent, as <paramref name="userId"/>: the bot gets a message whose value is <paramref name="data"/>.</summary>
    public Task SubmitAsync(string conversationId, string cardMessageId, string userId, JsonNode data) =>
        PostAsync("/_conversation/v1/submit", new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = cardMessageId,
            ["from"] = new JsonObject { ["id"] = userId },
            ["value"] = data,
        });

    /// <summary>Clicks an Action.Execute as <paramref name="userId"/>; returns the bot's invoke response ({type, value}).</summary>
    public Task<JsonElement> ExecuteAsync(string conversationId, string cardMessageId, string userId, string verb, JsonNode? data = null, string? title = null) =>
        PostAsync("/_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            },
            ["from"] = new JsonObject { ["id"] = userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = cardMessageId,
        });

    /// <summary>
    /// A message extension invoke (<c>composeExtension/fetchTask</c>, <c>submitAction</c>, <c>query</c>) as <paramref name="userId"/>
    /// in <paramref name="conversationId"/>, through the Playground's invoke API as its page sends it; returns the bot's answer
    /// as the Playground passes it on (<c>{task, composeExtension}</c>).
    /// </summary>
    public Task<JsonElement> InvokeExtensionAsync(string name, string conversationId, string userId, JsonNode value) =>
        PostAsync("/_conversation/v1/invoke", new JsonObject
        {
            ["name"] = name,
            ["value"] = value,
            ["from"] = new JsonObject { ["id"] = userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
        });

    /// <summary>Has the Playground send the bot any activity, verbatim (it answers before the bot has it).</summary>
    public Task SendCustomActivityAsync(JsonNode activity) => PostAsync("/_internal/v1/customActivities", activity);

    /// <summary>
    /// Opens a 1:1 chat between the bot and <paramref name="person"/>, as Teams has one once someone opens the bot's chat:
    /// through the Playground's connector (the page shows only the current user's chat), so its id is one the Playground
    /// accepts the bot's replies in. Returns the chat's id.
    /// </summary>
    public async Task<string> OpenPersonalChatAsync(PlaygroundPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var answer = await PostAsync("/_connector/v3/conversations", new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = tenant.Bot.Id, ["name"] = tenant.Bot.Name },
            ["members"] = new JsonArray(new JsonObject { ["id"] = person.Id, ["aadObjectId"] = person.AadObjectId }),
            ["tenantId"] = tenant.TenantId,
        });
        return answer.GetProperty("id").GetString()!;
    }

    /// <summary>Installs the bot in a conversation: an installationUpdate, then a conversationUpdate adding the bot.</summary>
    public Task InstallAsync(string conversationId) =>
        PostAsync($"/_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject());

    /// <summary>Waits for the first message the bot posts after <paramref name="mark"/> that matches.</summary>
    public Task<PlaygroundEvent> NextBotMessageAsync(long mark, Func<PlaygroundEvent, bool> predicate, TimeSpan timeout) =>
        NextBotEventAsync(mark, "createMessage", predicate, timeout);

    /// <summary>
    /// Waits for the first update of one of the bot's messages (a PUT through the connector, shown to
    /// everyone) after <paramref name="mark"/> that matches. <see cref="PlaygroundEvent.MessageId"/> is the updated message's id.
    /// </summary>
    public Task<PlaygroundEvent> NextBotUpdateAsync(long mark, Func<PlaygroundEvent, bool> predicate, TimeSpan timeout) =>
        NextBotEventAsync(mark, "updateMessage", predicate, timeout);

    /// <summary>What the bot posted or updated after <paramref name="mark"/> so far, for checking that something did not happen.</summary>
    public IReadOnlyList<PlaygroundEvent> BotEventsSince(long mark)
    {
        lock (events)
        {
            return [.. events.Skip((int)mark).Where(e => e.FromId == tenant.Bot.Id)];
        }
    }

    private async Task<PlaygroundEvent> NextBotEventAsync(long mark, string action, Func<PlaygroundEvent, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (events)
            {
                var found = events.Skip((int)mark).FirstOrDefault(e => e.Action == action && e.FromId == tenant.Bot.Id && predicate(e));
                if (found is not null)
                {
                    return found;
                }

                arrived = eventArrived.Task;
            }

            if (receiving is { IsCompleted: true })
            {
                await receiving;
                throw new InvalidOperationException("The Playground closed its WebSocket.");
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The bot sent no matching {action} within {timeout.TotalSeconds:0} s. Events since the mark:{Environment.NewLine}{Describe(mark)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (receiving is not null)
        {
            try
            {
                await receiving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // Closing is all that is left to do.
            }
        }

        socket.Dispose();
        http.Dispose();
        stop.Dispose();
    }

    private string Describe(long mark)
    {
        lock (events)
        {
            return string.Join(Environment.NewLine, events.Skip((int)mark).Select(e => $"  {e.Action} in {e.ConversationId} from {e.FromId}: {Truncate(e.Message.GetRawText())}"));
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private async Task<JsonElement> PostAsync(string path, JsonNode body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, stop.Token);
        var text = await response.Content.ReadAsStringAsync(stop.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            lock (events)
            {
                events.Add(new PlaygroundEvent(
                    events.Count,
                    root.TryGetProperty("action", out var action) ? action.GetString() ?? "" : "",
                    root.TryGetProperty("actionConversationId", out var conversation) ? conversation.GetString() : null,
                    root.TryGetProperty("message", out var m) ? m.Clone() : default));
                eventArrived.TrySetResult();
                eventArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
