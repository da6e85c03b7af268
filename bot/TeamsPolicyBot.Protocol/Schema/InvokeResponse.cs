using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>
/// The body of the HTTP response to an invoke activity. For Universal Actions this is
/// <c>{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{card}}</c>.
/// </summary>
public sealed class InvokeResponse
{
    public int StatusCode { get; init; } = 200;
    public string? Type { get; init; }
    public JsonElement? Value { get; init; }

    /// <summary>
    /// A body of another shape, sent as it is instead of this object: message extensions and dialogs are answered with
    /// <c>{"task":…}</c> or <c>{"composeExtension":…}</c>, not with a status, type and value.
    /// </summary>
    [JsonIgnore]
    public JsonElement? Body { get; init; }

    /// <summary>A fetchTask or submitAction answered with a dialog step.</summary>
    public static InvokeResponse Task(TaskResponse task) => new() { Body = BotJson.ToElement(task) };

    /// <summary>A query answered with results or a message, or a submitAction closed with a message.</summary>
    public static InvokeResponse ComposeExtension(ComposeExtensionResponse result) => new() { Body = BotJson.ToElement(result) };

    /// <summary>Replace the card for the user who clicked.</summary>
    public static InvokeResponse Card(JsonElement card) => new() { Type = ContentTypes.AdaptiveCard, Value = card };

    /// <summary>Replace the card for the user who clicked, with an Adaptive Card attachment's content.</summary>
    public static InvokeResponse Card(Attachment card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Card(card.Content ?? throw new ArgumentException("The attachment has no card content.", nameof(card)));
    }

    /// <summary>Show a short message to the user who clicked; the card stays as it is.</summary>
    public static InvokeResponse Message(string text) => new() { Type = ContentTypes.ActivityMessage, Value = JsonSerializer.SerializeToElement(text) };

    /// <summary>A refusal or failure the client shows as an error.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ContentTypes.Error,
        Value = JsonSerializer.SerializeToElement(new { code, message }),
    };

    /// <summary>An empty success, for invokes that need no answer.</summary>
    public static InvokeResponse Ok() => new();
}
