namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Every template in cards/ (each with its sample data beside it), found on disk so a new card is tested without registering it.</summary>
public static class CardSamples
{
    private const string SampleSuffix = ".data.json";

    public static TheoryData<string> TemplateNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in All())
        {
            names.Add(name);
        }

        return names;
    }

    internal static IReadOnlyList<string> All() =>
        Directory.EnumerateFiles(CardPaths.Cards, "*.json", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(SampleSuffix, StringComparison.Ordinal))
            .Select(file => Path.ChangeExtension(Path.GetRelativePath(CardPaths.Cards, file), null).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    internal static string TemplateFile(string name) => Path.Combine(CardPaths.Cards, name + ".json");

    internal static string SampleFile(string name) => Path.Combine(CardPaths.Cards, name + SampleSuffix);

    /// <summary>A file name for the expanded card: "shared/welcome" becomes "shared.welcome".</summary>
    internal static string FlatName(string name) => name.Replace('/', '.');
}
