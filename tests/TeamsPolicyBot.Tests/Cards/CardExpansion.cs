using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Tests.Cards;

/// <summary>The C# engine's expansion of a template with its sample data, and a place to write it for the Node tools.</summary>
internal static class CardExpansion
{
    private static readonly Lazy<CardTemplates> LoadedTemplates = new(() => CardTemplates.Load(CardPaths.Cards, DeclaredCardNames.All));

    /// <summary>The repository's templates, loaded once for all tests.</summary>
    public static CardTemplates Templates => LoadedTemplates.Value;

    public static JsonNode? OfSample(string name)
    {
        Assert.True(File.Exists(CardSamples.SampleFile(name)), $"Template {name} has no sample data: add {CardSamples.SampleFile(name)}.");
        var data = JsonNode.Parse(File.ReadAllText(CardSamples.SampleFile(name)));
        return JsonNode.Parse(Templates.Render(name, data!).GetRawText());
    }

    /// <summary>Writes the expansion of every sample into <paramref name="folder"/>; returns the files.</summary>
    public static IReadOnlyList<string> WriteSamples(string folder, IEnumerable<string> names)
    {
        Directory.CreateDirectory(folder);
        return names.Select(name =>
        {
            var file = Path.Combine(folder, CardSamples.FlatName(name) + ".json");
            File.WriteAllText(file, OfSample(name)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return file;
        }).ToList();
    }
}
