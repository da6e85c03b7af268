using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>
/// For a shape of a card that its one sample cannot show (e.g. the confidential view of the triage card): the C# expansion
/// with the view model equals the official templating library's, and the card passes the official parser at 1.5.
/// </summary>
internal static class OfficialCards
{
    public static async Task AssertExpandsAsOfficiallyAndIsValidAsync(string name, object viewModel)
    {
        var folder = Path.Combine(Path.GetTempPath(), "card-shape-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var data = Path.Combine(folder, "data.json");
            // The data as the engine expands it: the view model, and the clause links it adds to every card.
            var written = JsonSerializer.SerializeToNode(viewModel, viewModel.GetType(), BotJson.Options)!.AsObject();
            written["policy"] = CardExpansion.Templates.PolicyData();
            await File.WriteAllTextAsync(data, written.ToJsonString());
            var actual = JsonNode.Parse(CardExpansion.Templates.Render(name, viewModel).GetRawText());

            var official = await NodeScript.RunAsync(CardPaths.Script("expand.cjs"), [CardSamples.TemplateFile(name), data]);
            Assert.True(official.ExitCode == 0, official.Describe());
            JsonAssert.Equal(JsonNode.Parse(official.Stdout), actual);

            var expanded = Path.Combine(folder, CardSamples.FlatName(name) + ".json");
            await File.WriteAllTextAsync(expanded, actual!.ToJsonString());
            var report = await NodeScript.RunAsync(CardPaths.Script("validate.cjs"), [expanded]);
            Assert.True(report.ExitCode == 0, report.Describe());
            Assert.True(JsonNode.Parse(report.Stdout)?["ok"]?.GetValue<bool>(), report.Describe());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
