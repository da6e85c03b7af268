using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// Reading the cards the bot sends through the Playground, and the invoke responses it answers
/// clicks with: what people see (texts, inputs, buttons) and what a button would send.
/// </summary>
internal static class PlaygroundCards
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string MessageAnswer = "application/vnd.microsoft.activity.message";

    /// <summary>The card a message carries (it must carry exactly one).</summary>
    public static JsonElement Content(PlaygroundEvent message) => Assert.Single(message.Attachments).GetProperty("content");

    /// <summary>Every TextBlock's text in a card body, however deeply nested.</summary>
    public static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => (element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? [text.GetString()!] : Array.Empty<string>())
            .Concat(element.EnumerateObject().Where(p => p.Name != "text").SelectMany(p => Texts(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    /// <summary>Every string in the card: texts, fact values, input values, action data.</summary>
    public static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>Every string of a card but its spoken summary (<c>speak</c> repeats what the card shows, for screen readers).</summary>
    public static IEnumerable<string> ShownStrings(JsonElement card) =>
        card.EnumerateObject().Where(property => property.Name != "speak").SelectMany(property => Strings(property.Value));

    /// <summary>The one reference (matching <paramref name="pattern"/>) the card shows or carries.</summary>
    public static string ReferenceIn(JsonElement card, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var references = Strings(card).SelectMany(s => pattern.Matches(s).Select(m => m.Value)).Distinct().ToList();
        return Assert.Single(references);
    }

    /// <summary>Card elements (objects with a type) in document order, inside show-cards and refresh actions too.</summary>
    public static IEnumerable<JsonElement> Elements(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => (element.TryGetProperty("type", out _) ? [element] : Array.Empty<JsonElement>())
            .Concat(element.EnumerateObject().SelectMany(p => Elements(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Elements),
        _ => [],
    };

    /// <summary>The card's input (or other element) with this id.</summary>
    public static JsonElement ElementWithId(JsonElement card, string id) =>
        Assert.Single(Elements(card.GetProperty("body")), e => e.TryGetProperty("id", out var i) && i.GetString() == id);

    /// <summary>What each input shows, by id.</summary>
    public static Dictionary<string, string> InputValues(JsonElement card) =>
        Elements(card.GetProperty("body"))
            .Where(e => e.GetProperty("type").GetString()!.StartsWith("Input.", StringComparison.Ordinal) && e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("value").GetString()!);

    /// <summary>The titles of the card's buttons, those inside show-cards included.</summary>
    public static IEnumerable<string> ActionTitles(JsonElement card) =>
        Elements(card).Where(e => e.GetProperty("type").GetString()!.StartsWith("Action.", StringComparison.Ordinal) && e.TryGetProperty("title", out _))
            .Select(e => e.GetProperty("title").GetString()!);

    /// <summary>
    /// The titles of the buttons a viewer sees on the card as it opens, in document order: in action sets and along its
    /// foot, but not inside show-cards (not open yet) nor its refresh (not a button).
    /// </summary>
    public static IEnumerable<string> ButtonTitles(JsonElement card)
    {
        foreach (var property in card.EnumerateObject().Where(p => p.Name is not ("refresh" or "card")))
        {
            var children = property.Value.ValueKind switch
            {
                JsonValueKind.Array => property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList(),
                JsonValueKind.Object => [property.Value],
                _ => [],
            };
            foreach (var child in children)
            {
                if (child.TryGetProperty("type", out var type) && type.GetString()!.StartsWith("Action.", StringComparison.Ordinal) && child.TryGetProperty("title", out var title))
                {
                    yield return title.GetString()!;
                }

                foreach (var nested in ButtonTitles(child))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The Teams users whose Teams asks the bot for their own view of the card (its refresh's userIds).</summary>
    public static IEnumerable<string> RefreshUserIds(JsonElement card) =>
        card.TryGetProperty("refresh", out var refresh) && refresh.TryGetProperty("userIds", out var ids) ? ids.EnumerateArray().Select(id => id.GetString()!) : [];

    /// <summary>The verbs of the card's Action.Execute buttons (its refresh action included).</summary>
    public static IEnumerable<string> ExecuteVerbs(JsonElement card) =>
        Elements(card).Where(e => e.GetProperty("type").GetString() == "Action.Execute" && e.TryGetProperty("verb", out _))
            .Select(e => e.GetProperty("verb").GetString()!);

    /// <summary>The card's Action.Execute with this verb.</summary>
    public static JsonElement ExecuteAction(JsonElement card, string verb)
    {
        var action = Elements(card).FirstOrDefault(e =>
            e.GetProperty("type").GetString() == "Action.Execute" && e.TryGetProperty("verb", out var v) && v.GetString() == verb);
        Assert.True(action.ValueKind == JsonValueKind.Object, $"The card has no Action.Execute with verb {verb}.");
        return action;
    }

    /// <summary>
    /// What Teams sends for a click on the card's Action.Execute with this verb: the action's data,
    /// with <paramref name="inputs"/> (the card's inputs as typed) merged in.
    /// </summary>
    public static JsonObject ExecuteData(JsonElement card, string verb, JsonObject? inputs = null)
    {
        var action = ExecuteAction(card, verb);
        var data = action.TryGetProperty("data", out var d) ? JsonNode.Parse(d.GetRawText())!.AsObject() : [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    public static string? TypeOf(JsonElement invokeResponse) =>
        invokeResponse.TryGetProperty("type", out var type) ? type.GetString() : null;

    /// <summary>The card an invoke answered with (it replaces the card for the person who clicked).</summary>
    public static JsonElement CardOf(JsonElement invokeResponse)
    {
        Assert.True(TypeOf(invokeResponse) == AdaptiveCard, $"Expected a card, got {invokeResponse}");
        return invokeResponse.GetProperty("value");
    }

    /// <summary>The message an invoke answered with (shown to the person who clicked; the card stays).</summary>
    public static string MessageOf(JsonElement invokeResponse)
    {
        Assert.True(TypeOf(invokeResponse) == MessageAnswer, $"Expected a message, got {invokeResponse}");
        return invokeResponse.GetProperty("value").GetString()!;
    }

    /// <summary>Each input with the problem shown right after it ("⚠ Problem: ..."), in the card's order.</summary>
    public static List<(string InputId, string Problem)> ProblemsByInput(JsonElement card)
    {
        var elements = Elements(card.GetProperty("body")).ToList();
        return [.. elements.Select((element, i) => (element, i))
            .Where(x => x.element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && x.i + 1 < elements.Count &&
                        Texts(elements[x.i + 1]).FirstOrDefault() is { } next && next.StartsWith("⚠ Problem: ", StringComparison.Ordinal))
            .Select(x => (x.element.GetProperty("id").GetString()!, Texts(elements[x.i + 1]).First()))];
    }

    /// <summary>Asserts that the line right after input <paramref name="inputId"/> is a problem that says <paramref name="problem"/>.</summary>
    public static void AssertProblemNextTo(JsonElement card, string inputId, string problem)
    {
        var elements = Elements(card.GetProperty("body")).ToList();
        var input = elements.FindIndex(e => e.TryGetProperty("id", out var id) && id.GetString() == inputId);
        Assert.True(input >= 0, $"The card has no input {inputId}.");
        var next = Texts(elements[input + 1]).FirstOrDefault() ?? "";
        Assert.StartsWith("⚠ Problem: ", next, StringComparison.Ordinal);
        Assert.Contains(problem, next, StringComparison.Ordinal);
    }
}
