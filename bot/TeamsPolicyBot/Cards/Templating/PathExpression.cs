using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>One step of a path: a property name, or an index written <c>[n]</c>.</summary>
internal sealed record PathSegment(string? Name, int Index);

/// <summary>
/// <c>name.child[0].leaf</c>, starting from <c>$data</c>, or from a keyword (<c>$root</c>, <c>$data</c>, <c>$index</c>).
/// A step that finds nothing (missing property, index out of range, a step into a non-object) makes the whole path unbound.
/// </summary>
internal sealed record PathExpression(string Head, IReadOnlyList<PathSegment> Segments) : Expression
{
    public override TemplateValue Evaluate(Scope scope, UnboundPaths unbound)
    {
        var value = Head.StartsWith('$') ? scope.Keyword(Head) : Property(scope.Data, Head);
        foreach (var segment in Segments)
        {
            value = segment.Name is { } name ? Property(value, name) : Element(value, segment.Index);
        }

        return value.IsDefined || unbound == UnboundPaths.ReadAsUndefined ? value : TemplateValue.From("${" + this + "}");
    }

    public override string ToString()
    {
        var text = new StringBuilder(Head);
        foreach (var segment in Segments)
        {
            text.Append(segment.Name is { } name ? "." + name : $"[{segment.Index}]");
        }

        return text.ToString();
    }

    // adaptive-expressions finds properties case-insensitively, so `${FirstName}` binds `firstName` there too.
    private static TemplateValue Property(TemplateValue owner, string name)
    {
        if (owner.Kind != JsonValueKind.Object)
        {
            return TemplateValue.Undefined;
        }

        var properties = owner.Node!.AsObject();
        if (properties.TryGetPropertyValue(name, out var exact))
        {
            return TemplateValue.From(exact);
        }

        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return TemplateValue.From(value);
            }
        }

        return TemplateValue.Undefined;
    }

    private static TemplateValue Element(TemplateValue owner, int index) =>
        owner.Node is JsonArray array && index >= 0 && index < array.Count ? TemplateValue.From(array[index]) : TemplateValue.Undefined;
}
