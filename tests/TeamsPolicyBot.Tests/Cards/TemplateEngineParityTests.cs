using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards.Templating;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Small templates on the edges of the language, expanded by the C# engine and by the official library.</summary>
public sealed class TemplateEngineParityTests
{
    private const string Data = """
        { "name": "Priya", "count": 3, "on": true, "off": false, "blank": "", "zero": 0, "nothing": null,
          "tags": ["a", "b"], "team": { "title": "Comms" },
          "requests": [ { "title": "Blog", "open": true }, { "title": "Podcast", "open": false } ] }
        """;

    [Theory]
    [InlineData("""{ "a": "${count}", "b": "n=${count}", "c": "${on}", "d": "${team}", "e": "${tags}", "f": "x ${tags} y" }""")]
    [InlineData("""{ "a": "${missing}", "b": "x ${team.missing} y", "c": "${concat('x', missing)}", "d": "${count(missing)}" }""")]
    [InlineData("""{ "a": "${!missing}", "b": "${empty(missing)}", "c": "${exists(nothing)}", "d": "${if(missing, 1, 2)}", "e": "${missing == null}" }""")]
    [InlineData("""{ "a": "${if(zero, 'y', 'n')}", "b": "${if(blank, 'y', 'n')}", "c": "${!zero}", "d": "${empty(zero)}", "e": "${count > missing}" }""")]
    [InlineData("""{ "a": "${1.5}", "b": "${true}", "c": "${'lit'}", "d": "\\${name} ${name}", "e": "${TEAM.TITLE}" }""")]
    [InlineData("""{ "a": "${and(on, count, name)}", "b": "${or(off, missing)}", "c": "${on && !off || zero}", "d": "${!on == false}" }""")]
    [InlineData("""{ "a": "${join(tags, ', ', ' and ')}", "b": "${concat(name, count, on)}", "c": "${concat(tags, tags)}", "d": "${equals(tags, $root.tags)}" }""")]
    [InlineData("""{ "body": [ { "$data": "${requests}", "$when": "${open}", "t": "${$index} ${title} ${$root.name}" }, { "$data": "${requests}", "i": "${$index}" } ] }""")]
    [InlineData("""{ "body": [ { "$when": "${name}", "x": 1 }, { "$when": "${true}", "x": 2 }, { "$when": "${on}", "x": 3 } ], "p": { "$when": "${off}" } }""")]
    [InlineData("""{ "body": [ { "$data": "${tags}", "v": "${$data}" }, { "$data": "${team}", "v": "${title}" }, { "$data": "${missing}", "v": "${$data}" } ] }""")]
    [InlineData("""{ "body": [ { "$data": "${requests}", "items": [ { "$data": "${$root.tags}", "v": "${$data}${$index}" } ] } ] }""")]
    public async Task Engine_expands_like_the_official_library(string template)
    {
        var folder = Directory.CreateTempSubdirectory("card-parity-").FullName;
        try
        {
            var templateFile = Path.Combine(folder, "template.json");
            var dataFile = Path.Combine(folder, "data.json");
            await File.WriteAllTextAsync(templateFile, template);
            await File.WriteAllTextAsync(dataFile, Data);

            var official = await NodeScript.RunAsync(CardPaths.Script("expand.cjs"), [templateFile, dataFile]);

            Assert.True(official.ExitCode == 0, official.Describe());
            JsonAssert.Equal(JsonNode.Parse(official.Stdout), CardTemplate.Parse(template).Expand(JsonNode.Parse(Data)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
