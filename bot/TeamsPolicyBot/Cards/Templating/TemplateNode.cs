using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>One piece of a parsed template; expanding it against a scope gives JSON (or undefined: leave it out).</summary>
internal abstract record TemplateNode
{
    public abstract TemplateValue Expand(Scope scope);
}

/// <summary>JSON without bindings, copied as it is.</summary>
internal sealed record LiteralNode(JsonNode? Value) : TemplateNode
{
    public override TemplateValue Expand(Scope scope) => TemplateValue.From(Value?.DeepClone());
}

internal sealed record StringNode(InterpolatedString Text) : TemplateNode
{
    public override TemplateValue Expand(Scope scope)
    {
        var value = Text.Evaluate(scope, UnboundPaths.ReadAsText);
        return value.IsDefined ? TemplateValue.From(value.CloneNode()) : value;
    }
}

/// <summary>
/// A JSON array. Items that expand to null are dropped (a <c>$when</c> that failed, an empty repeat) and items
/// that expand to an array are spliced in (a repeat), as the official library does.
/// </summary>
internal sealed record ArrayNode(IReadOnlyList<TemplateNode> Items) : TemplateNode
{
    public override TemplateValue Expand(Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in Items)
        {
            switch (item.Expand(scope).Node)
            {
                case null:
                    break;
                case JsonArray repeated:
                    var spliced = repeated.ToList();
                    repeated.Clear();
                    spliced.ForEach(result.Add);
                    break;
                case var single:
                    result.Add(single);
                    break;
            }
        }

        return TemplateValue.From(result);
    }
}
