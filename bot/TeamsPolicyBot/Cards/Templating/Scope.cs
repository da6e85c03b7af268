using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// What the keywords mean at one point of the expansion: <c>$root</c> is the whole data, <c>$data</c> the
/// object the nearest <c>$data</c> rebound to (the root until then), <c>$index</c> the position in the
/// nearest repeat. A plain name is looked up in <c>$data</c>.
/// </summary>
internal sealed record Scope(JsonNode? Root, TemplateValue Data, TemplateValue Index)
{
    public static Scope ForRoot(JsonNode? root) => new(root, TemplateValue.From(root), TemplateValue.Undefined);

    public Scope WithData(TemplateValue data) => this with { Data = data };

    public Scope WithRepeatItem(TemplateValue item, int index) => this with { Data = item, Index = TemplateValue.From(index) };

    public TemplateValue Keyword(string name) => name switch
    {
        "$root" => TemplateValue.From(Root),
        "$data" => Data,
        "$index" => Index,
        _ => TemplateValue.Undefined,
    };
}
