using System.Reflection;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// Every template name the code renders: the string constants of each class marked <see cref="CardTemplateNamesAttribute"/>.
/// Found by reflection, so a workflow adding a card cannot forget to register it, and every one must have its file or
/// the app refuses to start (<see cref="CardTemplates.Load"/>).
/// </summary>
internal static class DeclaredCardNames
{
    public static IReadOnlyList<string> All { get; } = typeof(DeclaredCardNames).Assembly.GetTypes()
        .Where(type => type.IsDefined(typeof(CardTemplateNamesAttribute), inherit: false))
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}
