using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Cards;

internal static class CardPaths
{
    public static string Cards => Path.Combine(RepoPaths.Root, "cards");

    /// <summary>Where a person finds the rendered cards (git-ignored).</summary>
    public static string TestOutput => Path.Combine(RepoPaths.Root, "test-output", "cards");

    public static string Script(string name) => Path.Combine("tools", "cards", name);
}
