using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>
/// Every template, expanded with its sample, can be used with a screen reader and without seeing colour: it has a
/// spoken summary, every input has a visible label, a field people must fill is marked required (so Teams shows its
/// marker and says what is missing), and a coloured block says its meaning in words. docs/writing-style.md says why.
/// </summary>
public sealed partial class CardAccessibilityTests
{
    private static readonly HashSet<string> SendingActions = ["Action.Execute", "Action.Submit"];

    // The text colours that carry a meaning (red, green, amber); accent and default only set words apart.
    private static readonly HashSet<string> MeaningfulColours = new(["attention", "good", "warning"], StringComparer.OrdinalIgnoreCase);

    // A red or amber block warns; a green one only sets the mood of good news its heading already tells.
    private static readonly HashSet<string> WarningStyles = new(["attention", "warning"], StringComparer.OrdinalIgnoreCase);

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public void Card_has_a_spoken_summary(string name)
    {
        var card = CardExpansion.OfSample(name)!.AsObject();

        var speak = card["speak"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

        Assert.False(string.IsNullOrWhiteSpace(speak), $"{name} has no \"speak\": add a short spoken summary of the card at its root.");
    }

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public void Every_input_has_a_label_and_a_required_field_is_marked(string name)
    {
        var problems = InputProblems(CardExpansion.OfSample(name)!.AsObject());

        Assert.True(problems.Count == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public void Colour_never_carries_meaning_alone(string name)
    {
        var problems = ColourProblems(CardExpansion.OfSample(name)!.AsObject());

        Assert.True(problems.Count == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void The_input_rules_catch_a_missing_label_an_unmarked_field_and_a_required_field_without_a_message()
    {
        var card = Card("""
            { "type": "AdaptiveCard", "body": [
                { "type": "Input.Text", "id": "noLabel", "placeholder": "Only a placeholder", "isRequired": true, "errorMessage": "Type it." },
                { "type": "Input.Text", "id": "unmarked", "label": "Your name" },
                { "type": "Input.Text", "id": "noMessage", "label": "Your team", "isRequired": true },
                { "type": "Input.Text", "id": "optional", "label": "Anything else (optional)" },
                { "type": "Input.Toggle", "id": "toggle", "label": "Do you feel unsafe now?", "title": "Yes" }
              ], "actions": [ { "type": "Action.Execute", "verb": "send" } ] }
            """);

        var problems = InputProblems(card);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("noLabel:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("unmarked:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("noMessage:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_beside_several_buttons_need_not_be_marked_required()
    {
        // A required marker would stop every other button of the card too, so the bot checks such fields itself.
        var card = Card("""
            { "type": "AdaptiveCard", "body": [
                { "type": "Input.Text", "id": "message", "label": "Your message" },
                { "type": "ActionSet", "actions": [ { "type": "Action.Execute", "verb": "message" } ] },
                { "type": "ActionSet", "actions": [ { "type": "Action.Execute", "verb": "close" } ] }
              ] }
            """);

        Assert.Empty(InputProblems(card));
    }

    [Fact]
    public void The_colour_rule_catches_a_coloured_block_whose_words_do_not_say_its_meaning()
    {
        var card = Card("""
            { "type": "AdaptiveCard", "body": [
                { "type": "TextBlock", "text": "Spreading now or causing harm", "color": "attention" },
                { "type": "TextBlock", "text": "Urgent: spreading now or causing harm", "color": "Attention" },
                { "type": "Container", "style": "warning", "items": [ { "type": "TextBlock", "text": "Your request" } ] },
                { "type": "Container", "style": "attention", "items": [ { "type": "TextBlock", "text": "Not approved: your request" } ] },
                { "type": "Container", "style": "good", "items": [ { "type": "TextBlock", "text": "Your request is with Comms" } ] },
                { "type": "TextBlock", "text": "Support", "color": "accent" }
              ] }
            """);

        var problems = ColourProblems(card);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("TextBlock in attention: \"Spreading now", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"Your request\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every input has a label (a placeholder disappears as soon as someone types). An input marked required has an
    /// error message. Any other input says in its label when it may be left empty ("optional", "if ...", "needed for
    /// ...", "or enter ..."), unless several buttons share it, or it is a toggle (which always sends a value).
    /// </summary>
    private static List<string> InputProblems(JsonObject card)
    {
        var problems = new List<string>();
        foreach (var (input, buttons) in InputsWithTheirButtons(card))
        {
            var id = (string?)input["id"] ?? "(no id)";
            var label = Text(input["label"]);
            var isRequired = input["isRequired"] is JsonValue required && required.TryGetValue<bool>(out var flag) && flag;
            if (string.IsNullOrWhiteSpace(label))
            {
                problems.Add($"{id}: has no label; a placeholder is not one (it disappears when someone types).");
                continue;
            }

            if (isRequired && string.IsNullOrWhiteSpace(Text(input["errorMessage"])))
            {
                problems.Add($"{id}: is required but has no errorMessage saying what to enter.");
            }

            if (isRequired && label.Contains("optional", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{id}: is required but its label \"{label}\" says it is optional.");
            }

            var mayBeMarked = buttons <= 1 && (string?)input["type"] != "Input.Toggle";
            if (!isRequired && mayBeMarked && !OptionalLabel().IsMatch(label))
            {
                problems.Add($"{id}: \"{label}\" reads as a field people must fill: mark it isRequired with an errorMessage, or say in the label when it may be left empty (\"optional\", \"only if ...\").");
            }
        }

        return problems;
    }

    /// <summary>A TextBlock in a meaningful colour, or a Container or Column in a red or amber style, says its meaning in its words.</summary>
    private static List<string> ColourProblems(JsonObject card)
    {
        var problems = new List<string>();
        foreach (var element in Objects(card))
        {
            var type = (string?)element["type"];
            var colour = type == "TextBlock" ? Text(element["color"]) : type is "Container" or "Column" ? Text(element["style"]) : "";
            if (!(type == "TextBlock" ? MeaningfulColours : WarningStyles).Contains(colour))
            {
                continue;
            }

            var words = string.Join(" ", Objects(element).Where(o => (string?)o["type"] == "TextBlock").Select(o => Text(o["text"])));
            if (!StateWords().IsMatch(words))
            {
                problems.Add($"{type} in {colour}: \"{words}\" does not say in words what the colour means (for example \"Urgent:\", \"Problem:\", \"Approved\").");
            }
        }

        return problems;
    }

    /// <summary>
    /// Each input with the number of buttons that would check it: Teams checks the inputs of a button's own card and of
    /// the cards around it, so a button inside a show-card checks its inputs and those of the cards it opens from.
    /// </summary>
    private static IEnumerable<(JsonObject Input, int Buttons)> InputsWithTheirButtons(JsonObject card)
    {
        var own = OwnObjects(card).ToList();
        var buttons = own.Count(o => SendingActions.Contains((string?)o["type"] ?? "") && (string?)o["associatedInputs"] != "none")
            + ShowCards(own).Sum(SendingButtonsWithin);
        foreach (var input in own.Where(IsInput))
        {
            yield return (input, buttons);
        }

        foreach (var inner in ShowCards(own).SelectMany(InputsWithTheirButtons))
        {
            yield return inner;
        }
    }

    private static int SendingButtonsWithin(JsonObject card) =>
        Objects(card).Count(o => SendingActions.Contains((string?)o["type"] ?? "") && (string?)o["associatedInputs"] != "none");

    private static IEnumerable<JsonObject> ShowCards(IEnumerable<JsonObject> own) =>
        own.Where(o => (string?)o["type"] == "Action.ShowCard" && o["card"] is JsonObject).Select(o => o["card"]!.AsObject());

    private static bool IsInput(JsonObject o) => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true;

    /// <summary>The objects of one card, not looking inside the cards its show-card buttons open.</summary>
    private static IEnumerable<JsonObject> OwnObjects(JsonObject card) => Walk(card, intoShowCards: false);

    private static IEnumerable<JsonObject> Objects(JsonObject node) => Walk(node, intoShowCards: true);

    private static IEnumerable<JsonObject> Walk(JsonNode? node, bool intoShowCards)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                var isShowCard = (string?)o["type"] == "Action.ShowCard";
                foreach (var child in o.Where(p => intoShowCards || !isShowCard || p.Key != "card").SelectMany(p => Walk(p.Value, intoShowCards)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(item => Walk(item, intoShowCards)))
                {
                    yield return child;
                }

                break;
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private static JsonObject Card(string json) => JsonNode.Parse(json)!.AsObject();

    // Words in a label that tell people they may leave the field empty, or when they need it.
    [GeneratedRegex(@"\boptional\b|\bif\b|\bneeded for\b|\brequired for\b|^Or\b|\bor enter\b", RegexOptions.IgnoreCase)]
    private static partial Regex OptionalLabel();

    // Words that say the state a red, green or amber block shows, so nobody needs to see the colour.
    [GeneratedRegex(@"\b(urgent|problem|danger|unsafe|approved|not approved|changes?|please (fix|check)|withdrawn|withdrew|escalated|resolved|closed|sent|status|do this now|warning|important|confidential)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StateWords();
}
