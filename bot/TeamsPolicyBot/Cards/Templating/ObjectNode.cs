using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// A JSON object, possibly with <c>$data</c> (rebind the scope; a list repeats the object once per item and sets
/// <c>$index</c>) and <c>$when</c> (keep the object only where the condition is exactly <c>true</c>).
/// It expands to null when nothing is kept, to the object when one is, and to an array when a repeat keeps several.
/// </summary>
internal sealed record ObjectNode(
    IReadOnlyList<KeyValuePair<string, TemplateNode>> Properties,
    DataSource? Data,
    InterpolatedString? When) : TemplateNode
{
    public override TemplateValue Expand(Scope scope)
    {
        var kept = ScopesFor(scope).Where(Holds).Select(Build).ToList();
        return kept.Count switch
        {
            0 => TemplateValue.Null,
            1 => TemplateValue.From(kept[0]),
            _ => TemplateValue.From(new JsonArray([.. kept])),
        };
    }

    private IEnumerable<Scope> ScopesFor(Scope scope)
    {
        if (Data is null)
        {
            return [scope];
        }

        var data = Data.Resolve(scope);
        return data.Node is JsonArray items
            ? items.Select((item, index) => scope.WithRepeatItem(TemplateValue.From(item), index))
            : [scope.WithData(data)];
    }

    // A condition that fails to evaluate, or yields anything but the boolean true, drops the object.
    private bool Holds(Scope scope)
    {
        if (When is null)
        {
            return true;
        }

        try
        {
            return When.Evaluate(scope, UnboundPaths.ReadAsUndefined).IsTrue;
        }
        catch (TemplateException)
        {
            return false;
        }
    }

    private JsonObject Build(Scope scope)
    {
        var result = new JsonObject();
        foreach (var (name, value) in Properties)
        {
            var expanded = value.Expand(scope);
            if (expanded.IsDefined)
            {
                result[name] = expanded.Node;
            }
        }

        return result;
    }
}

/// <summary>The value of <c>$data</c>: a binding, or inline JSON data used as it is.</summary>
internal sealed record DataSource(InterpolatedString? Binding, JsonNode? Inline)
{
    public TemplateValue Resolve(Scope scope) =>
        Binding is not null ? Binding.Evaluate(scope, UnboundPaths.ReadAsText) : TemplateValue.From(Inline);
}
