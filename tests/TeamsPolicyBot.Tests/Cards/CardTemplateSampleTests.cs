using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Every template, expanded with its sample: the same as the official library's expansion, and a card Teams accepts.</summary>
public sealed class CardTemplateSampleTests
{
    [Fact]
    public void The_cards_folder_holds_templates()
    {
        Assert.Contains("shared/welcome", CardSamples.All());
    }

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public async Task Expansion_equals_the_official_templating_library(string name)
    {
        var actual = CardExpansion.OfSample(name);

        var official = await NodeScript.RunAsync(CardPaths.Script("expand.cjs"), [CardSamples.TemplateFile(name), CardSamples.SampleFile(name)]);

        Assert.True(official.ExitCode == 0, official.Describe());
        JsonAssert.Equal(JsonNode.Parse(official.Stdout), actual);
        Assert.DoesNotContain("${", actual!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public async Task Expanded_card_passes_validation_at_Teams_schema_version(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "card-validate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = CardExpansion.WriteSamples(folder, [name]);

            var report = await NodeScript.RunAsync(CardPaths.Script("validate.cjs"), [.. files]);

            Assert.True(report.ExitCode == 0, report.Describe());
            Assert.True(JsonNode.Parse(report.Stdout)?["ok"]?.GetValue<bool>(), report.Describe());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
