using System.Text.Json;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>One exchange in the Playground's events recording (--enable-events-recording).</summary>
/// <param name="ToBot">True for what the Playground sent the bot; false for what the bot sent the Playground's connector.</param>
/// <param name="Activity">
/// The request body, verbatim: for <paramref name="ToBot"/> the activity Teams would deliver. Undefined for a request
/// without a body (the bot reading the team roster, for example).
/// </param>
/// <param name="ResponseStatus">The HTTP status of the answer.</param>
/// <param name="ResponseBody">The answer's body (an invoke response, a connector resource response).</param>
/// <param name="Method">The request's HTTP method.</param>
/// <param name="Url">The request's path (for what the bot sent the connector) or address (for what it sent the bot).</param>
public sealed record RecordedExchange(bool ToBot, string? ConversationId, JsonElement Activity, int ResponseStatus, JsonElement ResponseBody, string? Method = null, string? Url = null)
{
    private const string ConnectorConversations = "/_connector/v3/conversations/";

    public string? Type => Activity.ValueKind == JsonValueKind.Object && Activity.TryGetProperty("type", out var type) ? type.GetString() : null;

    public string? ActivityConversationId =>
        Activity.ValueKind == JsonValueKind.Object && Activity.TryGetProperty("conversation", out var conversation) && conversation.TryGetProperty("id", out var id) ? id.GetString() : null;

    /// <summary>
    /// For a message the bot posted through the connector (POST .../conversations/{id}/activities[/{replyToId}]), the
    /// conversation it went to, read from the path: the only place the recording names a 1:1 chat the bot created itself.
    /// </summary>
    public string? PostedTo
    {
        get
        {
            if (ToBot || Method != "POST" || Url is null || !Url.StartsWith(ConnectorConversations, StringComparison.Ordinal))
            {
                return null;
            }

            var parts = Url[ConnectorConversations.Length..].Split('?')[0].Split('/');
            return parts.Length >= 2 && parts[1] == "activities" ? Uri.UnescapeDataString(parts[0]) : null;
        }
    }
}

/// <summary>
/// Reads the events recording: JSON objects separated by "---" lines, each written when the
/// exchange completes, so an entry for an activity sent to the bot means the bot's turn is over
/// (the bot answers only after sending its replies).
/// </summary>
public sealed class PlaygroundRecording(string path)
{
    private const string Separator = "\n---\n";
    private static readonly string BotDirection = "Microsoft 365 Agents Playground -> User Application";

    public string Path { get; } = path;

    public IReadOnlyList<RecordedExchange> Read()
    {
        string text;
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        var exchanges = new List<RecordedExchange>();
        foreach (var part in text.Split(Separator))
        {
            // The last part can be an entry still being written: only whole JSON objects count.
            if (string.IsNullOrWhiteSpace(part) || !TryParse(part, out var entry))
            {
                continue;
            }

            var request = entry.GetProperty("request");
            var response = entry.TryGetProperty("response", out var r) ? r : default;
            exchanges.Add(new RecordedExchange(
                entry.GetProperty("direction").GetString() == BotDirection,
                entry.TryGetProperty("conversationId", out var c) ? c.GetString() : null,
                request.TryGetProperty("body", out var body) ? body.Clone() : default,
                response.ValueKind == JsonValueKind.Object && response.TryGetProperty("statusCode", out var s) && s.TryGetInt32(out var status) ? status : 0,
                response.ValueKind == JsonValueKind.Object && response.TryGetProperty("body", out var b) ? b.Clone() : default,
                request.TryGetProperty("method", out var method) ? method.GetString() : null,
                request.TryGetProperty("url", out var url) ? url.GetString() : null));
        }

        return exchanges;
    }

    /// <summary>Polls the recording until an exchange after the first <paramref name="skip"/> matches.</summary>
    public Task<RecordedExchange> WaitForAsync(int skip, Func<RecordedExchange, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitForAsync(all => all.Skip(skip).FirstOrDefault(predicate), timeout);
    }

    /// <summary>Polls the recording until <paramref name="find"/>, given all of it (one read), finds something.</summary>
    public async Task<T> WaitForAsync<T>(Func<IReadOnlyList<RecordedExchange>, T?> find, TimeSpan timeout)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(find);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = find(Read());
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching exchange in {Path} within {timeout.TotalSeconds:0} s.");
            }

            // The Playground appends to a file; there is nothing to wait on but the file itself.
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static bool TryParse(string json, out JsonElement entry)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            entry = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            entry = default;
            return false;
        }
    }
}
