using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Deep JSON equality that ignores property order and number spelling (1 equals 1.0), naming the first difference.</summary>
internal static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        var difference = FirstDifference(expected, actual, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected?.ToJsonString() ?? "null"}\nactual:   {actual?.ToJsonString() ?? "null"}");
    }

    public static void Equal(string expectedJson, JsonNode? actual) => Equal(JsonNode.Parse(expectedJson), actual);

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        var kind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (kind != actualKind)
        {
            return $"At {path}: expected a {kind}, got a {actualKind}.";
        }

        switch (kind)
        {
            case JsonValueKind.Object:
                var left = expected!.AsObject();
                var right = actual!.AsObject();
                var missing = left.Select(p => p.Key).Except(right.Select(p => p.Key)).ToList();
                var extra = right.Select(p => p.Key).Except(left.Select(p => p.Key)).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    return $"At {path}: missing properties [{string.Join(", ", missing)}], unexpected properties [{string.Join(", ", extra)}].";
                }

                return left.Select(p => FirstDifference(p.Value, right[p.Key], $"{path}.{p.Key}")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                var items = expected!.AsArray();
                var others = actual!.AsArray();
                return items.Count != others.Count
                    ? $"At {path}: expected {items.Count} items, got {others.Count}."
                    : items.Select((item, i) => FirstDifference(item, others[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Number:
                return Number(expected!) == Number(actual!) ? null : $"At {path}: expected {expected}, got {actual}.";
            default:
                return expected?.ToJsonString() == actual?.ToJsonString() ? null : $"At {path}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}.";
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
}
