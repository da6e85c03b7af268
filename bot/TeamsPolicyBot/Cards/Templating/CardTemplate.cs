using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// An Adaptive Card template, parsed once (every binding is checked when it loads) and expanded against data
/// any number of times, following the official adaptivecards-templating library.
/// </summary>
internal sealed class CardTemplate
{
    // The official library strips these from the output; $root and $index are keywords, not properties.
    private static readonly HashSet<string> ReservedProperties = new(StringComparer.Ordinal)
    {
        "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion",
    };

    private readonly TemplateNode _root;

    private CardTemplate(TemplateNode root) => _root = root;

    /// <exception cref="TemplateException">The JSON is invalid or a binding cannot be parsed; the message says where.</exception>
    public static CardTemplate Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new TemplateException($"The template is not valid JSON: {e.Message}", e);
        }

        return new CardTemplate(Prepare(node, "$"));
    }

    /// <summary>Binds the template to <paramref name="data"/> (which the template sees as <c>$root</c>).</summary>
    /// <exception cref="TemplateException">A binding that makes up a whole value failed to evaluate.</exception>
    public JsonNode? Expand(JsonNode? data) => _root.Expand(Scope.ForRoot(data)).Node;

    private static TemplateNode Prepare(JsonNode? node, string location)
    {
        try
        {
            return node switch
            {
                JsonObject properties => PrepareObject(properties, location),
                JsonArray items => new ArrayNode([.. items.Select((item, index) => Prepare(item, $"{location}[{index}]"))]),
                _ when AsBinding(node) is { } binding => new StringNode(binding),
                _ => new LiteralNode(node?.DeepClone()),
            };
        }
        catch (TemplateException e) when (!e.Message.StartsWith("At ", StringComparison.Ordinal))
        {
            throw new TemplateException($"At {location}: {e.Message}", e);
        }
    }

    private static ObjectNode PrepareObject(JsonObject properties, string location)
    {
        var kept = properties
            .Where(property => !ReservedProperties.Contains(property.Key))
            .Select(property => KeyValuePair.Create(property.Key, Prepare(property.Value, $"{location}.{property.Key}")))
            .ToList();
        return new ObjectNode(kept, PrepareData(properties["$data"]), PrepareWhen(properties, location));
    }

    private static DataSource? PrepareData(JsonNode? data)
    {
        if (data is null)
        {
            return null;
        }

        var binding = AsBinding(data);
        return new DataSource(binding, binding is null ? data.DeepClone() : null);
    }

    // The official library silently drops an element whose $when is not a binding; a template that does that is a mistake.
    private static InterpolatedString? PrepareWhen(JsonObject properties, string location)
    {
        if (!properties.TryGetPropertyValue("$when", out var when))
        {
            return null;
        }

        return AsBinding(when)
            ?? throw new TemplateException($"At {location}.$when: $when must be a \"${{...}}\" binding, not {when?.ToJsonString() ?? "null"}.");
    }

    private static InterpolatedString? AsBinding(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && InterpolatedString.HasBindings(value.GetValue<string>())
            ? InterpolatedString.Parse(value.GetValue<string>())
            : null;
}
