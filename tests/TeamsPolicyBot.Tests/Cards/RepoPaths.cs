namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Finds the repository from the test binaries, so the tests work from any working directory.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Cards => Path.Combine(Root, "cards");

    public static string Tools => Path.Combine(Root, "tools", "cards");

    public static string TestOutput => Path.Combine(Root, "test-output", "cards");

    /// <summary>The root, after checking that the pinned npm tools are installed there.</summary>
    public static string RootWithNodeModules()
    {
        var libraries = Path.Combine(Root, "node_modules", "adaptivecards-templating");
        Assert.True(Directory.Exists(libraries), $"The official Adaptive Cards tools are missing ({libraries}): run npm ci at the repo root.");
        return Root;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TeamsPolicyBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No TeamsPolicyBot.sln above {AppContext.BaseDirectory}.");
    }
}
