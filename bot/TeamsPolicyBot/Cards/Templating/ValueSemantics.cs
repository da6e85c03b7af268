using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// How adaptive-expressions (JavaScript underneath) treats values: what counts as true, how a value reads as
/// text, what is equal and what can be ordered. Kept together so the engine agrees with the official one.
/// </summary>
internal static class ValueSemantics
{
    /// <summary>Booleans are themselves, null and undefined are false, everything else (even 0 and "") is true.</summary>
    public static bool IsTruthy(TemplateValue value) => value.IsBoolean ? value.IsTrue : !value.IsNullish;

    /// <summary>JavaScript's toString, except that null and undefined read as "" where JavaScript would throw.</summary>
    public static string ToText(TemplateValue value) => ToText(value.Node);

    private static string ToText(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => string.Empty,
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => FormatNumber(TemplateValue.From(node)),
        JsonValueKind.Array => string.Join(",", node.AsArray().Select(ToText)),
        _ => "[object Object]",
    };

    private static string FormatNumber(TemplateValue value)
    {
        value.TryGetNumber(out var number);
        return number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Deep equality; null equals undefined; numbers compare by value, not by spelling.</summary>
    public static bool AreEqual(TemplateValue left, TemplateValue right) => AreEqual(left.Node, right.Node);

    private static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        var kind = left.GetValueKind();
        if (kind != right.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => TemplateValue.From(left).TryGetNumber(out var a) & TemplateValue.From(right).TryGetNumber(out var b) && a.Equals(b),
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Array => left.AsArray().Count == right.AsArray().Count
                && left.AsArray().Zip(right.AsArray()).All(pair => AreEqual(pair.First, pair.Second)),
            JsonValueKind.Object => left.AsObject().Count == right.AsObject().Count
                && left.AsObject().All(property => right.AsObject().TryGetPropertyValue(property.Key, out var other) && AreEqual(property.Value, other)),
            _ => true,
        };
    }

    /// <summary>Orders two numbers or two strings (ordinally, as JavaScript's &lt; does); anything else is an error.</summary>
    public static int Compare(TemplateValue left, TemplateValue right)
    {
        if (left.TryGetNumber(out var a) && right.TryGetNumber(out var b))
        {
            return a.CompareTo(b);
        }

        if (left.TryGetString(out var x) && right.TryGetString(out var y))
        {
            return string.CompareOrdinal(x, y);
        }

        throw new EvaluationException($"{ToText(left)} and {ToText(right)} must be comparable.");
    }
}
