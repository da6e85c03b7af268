using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>A card rendered from the real templates with a view model, and ways to find what a person would see in it.</summary>
internal sealed class RenderedCard
{
    private RenderedCard(JsonObject card) => Card = card;

    public JsonObject Card { get; }

    public static RenderedCard Of(string name, object viewModel)
    {
        var card = JsonNode.Parse(CardExpansion.Templates.Render(name, viewModel).GetRawText())!.AsObject();
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
        return new RenderedCard(card);
    }

    /// <summary>The card the bot sends in <paramref name="attachment"/>.</summary>
    public static RenderedCard Of(global::TeamsPolicyBot.Protocol.Schema.Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new RenderedCard(JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject());
    }

    /// <summary>The card in the first attachment of an activity the bot sent, as its JSON body.</summary>
    public static RenderedCard InActivity(string activityJson) =>
        new(JsonNode.Parse(activityJson)!["attachments"]![0]!["content"]!.AsObject());

    /// <summary>Every object anywhere in the card, depth first (inside show-cards too).</summary>
    public IEnumerable<JsonObject> Objects() => ObjectsIn(Card);

    public IEnumerable<JsonObject> OfType(string type) => Objects().Where(o => (string?)o["type"] == type);

    /// <summary>The text of every TextBlock and every fact's title and value.</summary>
    public IReadOnlyList<string> Texts() =>
        [.. OfType("TextBlock").Select(o => (string)o["text"]!), .. Objects().Where(o => o["title"] is not null && o["value"] is JsonValue && o["type"] is null).SelectMany(o => new[] { (string)o["title"]!, (string)o["value"]! })];

    public string AllText => string.Join("\n", Texts());

    /// <summary>Every Action.Execute, by verb.</summary>
    public IReadOnlyDictionary<string, JsonObject> ExecuteActions() =>
        OfType("Action.Execute").ToDictionary(o => (string)o["verb"]!, o => o);

    /// <summary>Every input, by id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Inputs() =>
        Objects().Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).ToDictionary(o => (string)o["id"]!, o => o);

    /// <summary>The card's top-level actions' titles.</summary>
    public IReadOnlyList<string> TopLevelActionTitles() => Card["actions"]?.AsArray().Select(a => (string)a!["title"]!).ToList() ?? [];

    private static IEnumerable<JsonObject> ObjectsIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.SelectMany(p => ObjectsIn(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(ObjectsIn))
                {
                    yield return child;
                }

                break;
        }
    }

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
