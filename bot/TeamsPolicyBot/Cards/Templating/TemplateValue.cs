using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// A value an expression produces. Besides JSON values it can be "undefined", the result of a path that binds
/// to nothing, which adaptive-expressions keeps apart from an explicit JSON null.
/// </summary>
internal readonly record struct TemplateValue
{
    private TemplateValue(JsonNode? node, bool isDefined)
    {
        Node = node;
        IsDefined = isDefined;
    }

    public static TemplateValue Undefined { get; } = new(null, isDefined: false);

    public static TemplateValue Null { get; } = new(null, isDefined: true);

    public JsonNode? Node { get; }

    public bool IsDefined { get; }

    public bool IsNullish => Node is null;

    public JsonValueKind Kind => Node?.GetValueKind() ?? JsonValueKind.Null;

    public static TemplateValue From(JsonNode? node) => new(node, isDefined: true);

    public static TemplateValue From(string text) => new(JsonValue.Create(text), isDefined: true);

    public static TemplateValue From(bool value) => new(JsonValue.Create(value), isDefined: true);

    public static TemplateValue From(double value) => new(JsonValue.Create(value), isDefined: true);

    public bool IsBoolean => Kind is JsonValueKind.True or JsonValueKind.False;

    public bool IsTrue => Kind == JsonValueKind.True;

    public bool TryGetString(out string text)
    {
        text = Kind == JsonValueKind.String ? Node!.GetValue<string>() : string.Empty;
        return Kind == JsonValueKind.String;
    }

    public bool TryGetNumber(out double number)
    {
        // Nodes built from a JsonElement and nodes built from a CLR number expose different GetValue<T>
        // conversions; the JSON text is the one representation both share.
        number = Kind == JsonValueKind.Number ? double.Parse(Node!.ToJsonString(), CultureInfo.InvariantCulture) : 0;
        return Kind == JsonValueKind.Number;
    }

    /// <summary>A copy that can be placed in the expanded card: a JsonNode belongs to at most one parent.</summary>
    public JsonNode? CloneNode() => Node?.DeepClone();
}
