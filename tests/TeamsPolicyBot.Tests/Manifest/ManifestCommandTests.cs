using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;

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
}
