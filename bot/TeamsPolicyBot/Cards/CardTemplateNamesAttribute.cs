namespace TeamsPolicyBot.Cards;

/// <summary>
/// Marks a static class whose string constants name card templates, as "&lt;folder&gt;/&lt;name&gt;" (the file
/// cards/&lt;folder&gt;/&lt;name&gt;.json). Each workflow declares its own cards this way, in its own folder, and
/// <see cref="DeclaredCardNames"/> still finds every one for the start-up check.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class CardTemplateNamesAttribute : Attribute;
