using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.MessageExtensions;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Manifest;

/// <summary>The commands Teams suggests (manifest <c>bots[].commandLists</c>) are ones the bot answers where they are offered.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ManifestCommandTests(AzuriteFixture azurite)
{
    private static JsonArray CommandLists() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.json")))!["bots"]![0]!["commandLists"]!.AsArray();

    private static IReadOnlyList<string> Titles(string scope) =>
        [.. CommandLists()
            .Where(list => list!["scopes"]!.AsArray().Any(s => (string?)s == scope))
            .SelectMany(list => list!["commands"]!.AsArray())
            .Select(command => (string)command!["title"]!)];

    [Fact]
    public async Task Every_suggested_command_is_a_phrase_the_bot_answers()
    {
        await using var app = new BotApplicationFactory(azurite);
        var phrases = app.Services.GetServices<IBotCommand>().SelectMany(command => command.Phrases).ToHashSet(StringComparer.Ordinal);

        Assert.All(Titles("personal").Concat(Titles("team")), title => Assert.Contains(CommandText.Normalize(title), phrases));
    }

    [Fact]
    public void A_team_is_offered_only_help_because_requests_reports_and_support_happen_in_a_personal_chat()
    {
        // Request account, report incident, get support and my requests answer in a team only "message me in a private
        // chat": suggesting them there would promise a flow the team never sees.
        Assert.Equal(["help"], Titles("team"));
        Assert.Equal(["help", "request account", "report incident", "get support", "my requests", "my accounts", "my data"], Titles("personal"));
    }

    private static JsonArray ExtensionCommands()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.json")))!;
        var extension = Assert.Single(manifest["composeExtensions"]!.AsArray())!;

        // The message extension is the bot's: its invokes come to the same endpoint, signed for the same app id.
        Assert.Equal((string?)manifest["bots"]![0]!["botId"], (string?)extension["botId"]);
        return extension["commands"]!.AsArray();
    }

    [Fact]
    public void Report_to_Comms_is_a_message_action_whose_dialog_the_bot_fetches()
    {
        var command = ExtensionCommands().Single(c => (string?)c!["id"] == ReportToCommsCommand.Id)!;

        Assert.Equal("action", (string?)command["type"]);
        Assert.Equal(["message"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool)command["fetchTask"]!);
        Assert.Equal("Report to Comms", (string?)command["title"]);
    }

    [Fact]
    public void Find_an_official_account_is_a_search_in_the_compose_box_and_command_box_with_one_parameter()
    {
        var command = ExtensionCommands().Single(c => (string?)c!["id"] == "findOfficialAccount")!;

        Assert.Equal("query", (string?)command["type"]);
        Assert.Equal(["compose", "commandBox"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.Single(command["parameters"]!.AsArray());
    }

    [Fact]
    public async Task Every_message_extension_command_in_the_manifest_has_a_handler_in_the_bot()
    {
        await using var app = new BotApplicationFactory(azurite);
        var handled = app.Services.GetServices<IMessageExtensionCommand>().Select(command => command.CommandId).ToList();

        Assert.Equal(ExtensionCommands().Select(c => (string)c!["id"]!).Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
    }
}
