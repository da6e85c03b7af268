using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>
/// Every button on every card reaches the bot, in Teams and in the Agents Playground's page. The page sends only
/// Action.Execute (an invoke) and an Action.Submit whose data is a plain object (a message whose value is that
/// data); it silently drops Action.Submit buttons that ask Teams for a messageBack, imBack or other msteams
/// action. A button must also name a verb the bot's router answers.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class CardActionTests(AzuriteFixture azurite)
{
    /// <summary>Actions that send something to the bot, and the ones that only act inside the card or the client.</summary>
    private static readonly HashSet<string> SentToBot = ["Action.Execute", "Action.Submit"];
    private static readonly HashSet<string> ClientOnly = ["Action.ShowCard", "Action.OpenUrl", "Action.ToggleVisibility"];

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public void Every_action_is_one_the_Playground_page_and_Teams_both_send(string name)
    {
        var problems = Actions(Template(name)).SelectMany(found => ProblemsOf(found.Action).Select(problem => $"{found.Path}: {problem}")).ToList();

        Assert.True(problems.Count == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task Every_verb_on_a_card_is_one_the_router_answers()
    {
        await using var app = new BotApplicationFactory(azurite);
        var commandVerbs = app.Services.GetServices<IBotCommand>().Select(command => command.Verb).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var invokeVerbs = app.Services.GetServices<ICardActionHandler>().SelectMany(handler => handler.Verbs.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Templates name most verbs literally; a verb bound from data (${...}) is checked as the sample expands it.
        var cards = CardSamples.All().SelectMany(name => new[] { Template(name), CardExpansion.OfSample(name)! });
        var unknown = cards.SelectMany(card => Actions(card))
            .Select(found => (found.Path, Type: Type(found.Action), Verb: Verb(found.Action)))
            .Where(action => action.Verb is not null && !action.Verb.Contains("${", StringComparison.Ordinal))
            .Where(action => !(action.Type == "Action.Submit" ? commandVerbs : invokeVerbs).Contains(action.Verb!))
            .Select(action => $"{action.Path}: {action.Type} \"{action.Verb}\"")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, $"Buttons whose verb nothing answers:{Environment.NewLine}{string.Join(Environment.NewLine, unknown)}");
    }

    [Fact]
    public void The_check_refuses_a_messageBack_button_and_a_submit_without_a_verb()
    {
        var card = JsonNode.Parse("""
            {
              "type": "AdaptiveCard",
              "body": [ { "type": "ActionSet", "actions": [
                { "type": "Action.Submit", "title": "Menu", "data": { "verb": "help", "msteams": { "type": "messageBack", "displayText": "Menu" } } } ] } ],
              "actions": [ { "type": "Action.Submit", "title": "Send", "data": "help" }, { "type": "Action.Submit", "title": "OK", "data": { "verb": "help" } } ],
              "selectAction": { "type": "Action.Http", "url": "https://example.org" }
            }
            """)!;

        var problems = Actions(card).SelectMany(found => ProblemsOf(found.Action).Select(problem => $"{found.Path}: {problem}")).ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("body[0].actions[0]", StringComparison.Ordinal) && p.Contains("msteams", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("actions[0]", StringComparison.Ordinal) && p.Contains("verb", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("selectAction", StringComparison.Ordinal) && p.Contains("Action.Http", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dialog_button_passes_only_with_a_plain_twin_for_clients_without_dialogs()
    {
        var card = JsonNode.Parse("""
            {
              "type": "AdaptiveCard",
              "body": [
                { "type": "ActionSet", "actions": [
                  { "$when": "${dialogs}", "type": "Action.Submit", "title": "Report", "data": { "verb": "incident.report", "form": "incident", "msteams": { "type": "task/fetch" } } },
                  { "$when": "${!dialogs}", "type": "Action.Submit", "title": "Report", "data": { "verb": "incident.report" } } ] },
                { "type": "ActionSet", "actions": [
                  { "$when": "${dialogs}", "type": "Action.Submit", "title": "Request", "data": { "verb": "account.request", "form": "account", "msteams": { "type": "task/fetch" } } } ] }
              ]
            }
            """)!;

        var problems = Actions(card).SelectMany(found => ProblemsOf(found.Action).Select(problem => $"{found.Path}: {problem}")).ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith("body[1].actions[0]", problem, StringComparison.Ordinal);
        Assert.Contains("twin", problem, StringComparison.Ordinal);
    }

    private static JsonNode Template(string name) => JsonNode.Parse(File.ReadAllText(CardSamples.TemplateFile(name)))!;

    private static IEnumerable<string> ProblemsOf(JsonObject action)
    {
        var type = Type(action);
        if (type is null || (!SentToBot.Contains(type) && !ClientOnly.Contains(type)))
        {
            yield return $"\"{type}\" is not an action Teams and the Playground's page both handle.";
            yield break;
        }

        if (type == "Action.Submit")
        {
            if (action["data"] is not JsonObject data || Verb(action) is null)
            {
                yield return "Action.Submit needs data with a \"verb\": the bot routes the posted value by it.";
            }
            else if (data["msteams"]?["type"] is JsonValue fetch && fetch.TryGetValue<string>(out var kind) && kind == "task/fetch" && action.ContainsKey("$when"))
            {
                // A Teams-only button that opens a dialog: the page drops it too, so it must be one of a pair under
                // opposite conditions, the other posting plain data (see the twin check below).
                if (action.Parent is not JsonArray siblings || !siblings.OfType<JsonObject>().Any(twin =>
                    twin != action && twin.ContainsKey("$when") && twin["data"] is JsonObject plain && !plain.ContainsKey("msteams") &&
                    (string?)twin["title"] == (string?)action["title"] && Verb(twin) == Verb(action)))
                {
                    yield return "Action.Submit with task/fetch needs a twin with the same title and verb posting plain data, under the opposite $when, for clients without dialogs.";
                }
            }
            else if (data.ContainsKey("msteams"))
            {
                yield return "Action.Submit with msteams (messageBack, imBack ...) is dropped by the Playground's page: post plain data, or use Action.Execute.";
            }
        }
        else if (type == "Action.Execute" && Verb(action) is null)
        {
            yield return "Action.Execute needs a verb.";
        }
    }

    private static string? Type(JsonObject action) => action["type"] is JsonValue type && type.TryGetValue<string>(out var text) ? text : null;

    private static string? Verb(JsonObject action) =>
        (Type(action) == "Action.Submit" ? action["data"]?["verb"] : action["verb"]) is JsonValue verb && verb.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Every action in a card, wherever it sits: action lists, ActionSets, selectAction, refresh, nested ShowCards.</summary>
    private static IEnumerable<(string Path, JsonObject Action)> Actions(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (key is "actions" && child is JsonArray list)
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            if (list[i] is JsonObject action)
                            {
                                yield return ($"{childPath}[{i}]", action);
                            }
                        }
                    }
                    else if (key is "selectAction" or "action" && child is JsonObject single)
                    {
                        yield return (childPath, single);
                    }

                    // Submit data is the bot's own payload, not card structure.
                    if (key != "data")
                    {
                        foreach (var found in Actions(child, childPath))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Actions(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}
