using System.Reflection;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// The templates the code renders, as "&lt;workflow&gt;/&lt;name&gt;" (the file cards/&lt;workflow&gt;/&lt;name&gt;.json).
/// Every constant here must have its file, or the app refuses to start.
/// </summary>
internal static class CardNames
{
    public const string Welcome = "welcome/welcome";

    /// <summary>Every constant above, found by reflection so that adding a name cannot forget to register it.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(CardNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToList();
}
