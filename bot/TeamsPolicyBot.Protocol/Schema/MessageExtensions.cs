using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>The names of the invokes Teams sends for a message extension (and for dialogs opened from cards).</summary>
public static class InvokeNames
{
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";
    public const string Query = "composeExtension/query";

    /// <summary>A card button whose data carries <c>"msteams": {"type": "task/fetch"}</c> asks for a dialog.</summary>
    public const string TaskFetch = "task/fetch";

    /// <summary>A dialog opened by <see cref="TaskFetch"/> was submitted.</summary>
    public const string TaskSubmit = "task/submit";
}

/// <summary>
/// The <c>value</c> of <c>task/fetch</c> and <c>task/submit</c>: <c>data</c> is the button's data (with Teams'
/// <c>type</c> beside it) for a fetch, and the dialog's inputs merged with its submit button's data for a submit.
/// </summary>
public sealed class TaskModuleRequest : ExtensibleObject
{
    public JsonElement? Data { get; set; }

    /// <summary>The value of an invoke, typed; null when it is absent or not of this shape.</summary>
    public static TaskModuleRequest? From(Activity activity) => MessageExtensionAction.Read<TaskModuleRequest>(activity);
}

/// <summary>
/// The <c>value</c> of <c>composeExtension/fetchTask</c> and <c>composeExtension/submitAction</c>: which command, where
/// it was started (<c>message</c> for a message action), the message it was started on, and on submit the dialog's inputs
/// merged with the submit button's data.
/// </summary>
public sealed class MessageExtensionAction : ExtensibleObject
{
    public string? CommandId { get; set; }
    public string? CommandContext { get; set; }
    public MessagePayload? MessagePayload { get; set; }
    public JsonElement? Data { get; set; }

    /// <summary>The value of an invoke, typed; null when it is absent or not of this shape.</summary>
    public static MessageExtensionAction? From(Activity activity) => Read<MessageExtensionAction>(activity);

    internal static T? Read<T>(Activity activity)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<T>(BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The message a message action was started on (<c>messagePayload</c>), as Teams describes it.</summary>
public sealed class MessagePayload : ExtensibleObject
{
    public string? Id { get; set; }

    /// <summary>When it was sent, as Teams wrote it (ISO 8601); kept as text, a client's odd format must not fail the invoke.</summary>
    public string? CreatedDateTime { get; set; }
    public string? LinkToMessage { get; set; }
    public MessageBody? Body { get; set; }
    public MessageFrom? From { get; set; }
}

/// <summary>A message's body: <c>contentType</c> <c>html</c> or <c>text</c>.</summary>
public sealed partial class MessageBody : ExtensibleObject
{
    public string? ContentType { get; set; }
    public string? Content { get; set; }

    /// <summary>
    /// The words as a person reads them: for HTML, line and paragraph breaks kept as new lines, every other tag
    /// dropped, entities decoded, runs of blank lines and spaces shortened. Never markup to render: the caller escapes.
    /// </summary>
    public string PlainText()
    {
        var content = Content ?? string.Empty;
        if (!string.Equals(ContentType, "html", StringComparison.OrdinalIgnoreCase))
        {
            return content.Trim();
        }

        var text = LineBreakTag().Replace(content, "\n");
        text = AnyTag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        text = SpacesAroundNewLines().Replace(text, "\n");
        text = RepeatedSpaces().Replace(text, " ");
        return ExtraBlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<\s*br\s*/?\s*>|<\s*/\s*(p|div|li|h[1-6]|blockquote|tr)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex SpacesAroundNewLines();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RepeatedSpaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}

/// <summary>Who sent a message: a user (or an application, for a bot's message).</summary>
public sealed class MessageFrom : ExtensibleObject
{
    public MessageIdentity? User { get; set; }
    public MessageIdentity? Application { get; set; }
}

public sealed class MessageIdentity : ExtensibleObject
{
    public string? Id { get; set; }
    public string? DisplayName { get; set; }
}

/// <summary>The <c>value</c> of <c>composeExtension/query</c>: the search command and what was typed.</summary>
public sealed class MessageExtensionQuery : ExtensibleObject
{
    public string? CommandId { get; set; }
    public IList<QueryParameter>? Parameters { get; set; }
    public QueryOptions? QueryOptions { get; set; }

    public static MessageExtensionQuery? From(Activity activity) => MessageExtensionAction.Read<MessageExtensionQuery>(activity);

    /// <summary>The text of the named parameter; Teams sends <c>initialRun</c> with no text when the search first opens.</summary>
    public string? Parameter(string name) => Parameters?
        .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Value is { ValueKind: JsonValueKind.String } text
            ? text.GetString()
            : null;
}

public sealed class QueryParameter : ExtensibleObject
{
    public string? Name { get; set; }

    /// <summary>Usually a string; <c>initialRun</c> carries <c>true</c>.</summary>
    public JsonElement? Value { get; set; }
}

public sealed class QueryOptions : ExtensibleObject
{
    public int? Skip { get; set; }
    public int? Count { get; set; }
}

/// <summary>The body that answers a fetchTask or a submitAction with a dialog step: <c>{"task": …}</c>.</summary>
public sealed class TaskResponse
{
    public required TaskStep Task { get; init; }

    /// <summary>Opens (or keeps open) the dialog with this card.</summary>
    public static TaskResponse Continue(string title, JsonElement card, string height = "large", string width = "large") => new()
    {
        Task = new TaskStep
        {
            Type = "continue",
            Value = BotJson.ToElement(new TaskInfo { Title = title, Height = height, Width = width, Card = Attachment.AdaptiveCard(card) }),
        },
    };

    /// <summary>Closes the dialog showing a short text (documented for <c>task/submit</c> and <c>fetchTask</c>).</summary>
    public static TaskResponse Message(string text) => new() { Task = new TaskStep { Type = "message", Value = JsonSerializer.SerializeToElement(text) } };
}

/// <summary><c>type</c> <c>continue</c> (value: <see cref="TaskInfo"/>) or <c>message</c> (value: a string).</summary>
public sealed class TaskStep
{
    public required string Type { get; init; }
    public JsonElement? Value { get; init; }
}

/// <summary>A dialog: title, size (<c>small</c>/<c>medium</c>/<c>large</c> or pixels) and its Adaptive Card.</summary>
public sealed class TaskInfo
{
    public string? Title { get; init; }
    public string? Height { get; init; }
    public string? Width { get; init; }
    public Attachment? Card { get; init; }
}

/// <summary>The body that answers a query, or a submitAction that closes with a message: <c>{"composeExtension": …}</c>.</summary>
public sealed class ComposeExtensionResponse
{
    public required ComposeExtensionResult ComposeExtension { get; init; }

    /// <summary>A list of cards the person can pick one of to insert into their message.</summary>
    public static ComposeExtensionResponse Results(IEnumerable<ComposeExtensionAttachment> attachments) => new()
    {
        ComposeExtension = new ComposeExtensionResult { Type = "result", AttachmentLayout = "list", Attachments = attachments.ToList() },
    };

    /// <summary>A plain text instead of results (nothing found, a hint), or the text a submitted dialog closes with.</summary>
    public static ComposeExtensionResponse Message(string text) => new() { ComposeExtension = new ComposeExtensionResult { Type = "message", Text = text } };
}

public sealed class ComposeExtensionResult
{
    public required string Type { get; init; }
    public string? AttachmentLayout { get; init; }
    public IList<ComposeExtensionAttachment>? Attachments { get; init; }
    public string? Text { get; init; }
}

/// <summary>A result: the card that is inserted, and the smaller card the result list shows (<c>preview</c>).</summary>
public sealed class ComposeExtensionAttachment
{
    public string? ContentType { get; init; }
    public JsonElement? Content { get; init; }
    public Attachment? Preview { get; init; }
}

/// <summary>A thumbnail card: the preview of a result in the list.</summary>
public sealed class ThumbnailCard
{
    public const string ContentType = "application/vnd.microsoft.card.thumbnail";

    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Text { get; init; }

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = BotJson.ToElement(this) };
}
