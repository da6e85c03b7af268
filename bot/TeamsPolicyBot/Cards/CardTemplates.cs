using System.Text.Json;
using TeamsPolicyBot.Cards.Templating;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// Every card template under one folder, parsed once, keyed "&lt;workflow&gt;/&lt;name&gt;". Loading fails (so the app
/// fails at start-up, not at a user's click) when a template is not valid or a name in <see cref="DeclaredCardNames"/> has no file.
/// </summary>
internal sealed class CardTemplates
{
    private const string SampleDataSuffix = ".data.json";

    private readonly Dictionary<string, CardTemplate> _templates;

    private CardTemplates(Dictionary<string, CardTemplate> templates) => _templates = templates;

    /// <summary>Where the app's build puts the templates: beside the app, so the working directory does not matter.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "cards");

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <exception cref="TemplateException">A template is invalid, or one of <paramref name="requiredNames"/> has no file.</exception>
    public static CardTemplates Load(string directory, IEnumerable<string> requiredNames)
    {
        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Where(file => !file.EndsWith(SampleDataSuffix, StringComparison.OrdinalIgnoreCase))
            : [];
        foreach (var file in files)
        {
            templates[NameOf(directory, file)] = Parse(file);
        }

        var missing = requiredNames.Where(name => !templates.ContainsKey(name)).Select(name => FileOf(directory, name)).ToList();
        if (missing.Count > 0)
        {
            throw new TemplateException($"Card template file(s) missing: {string.Join(", ", missing)}.");
        }

        return new CardTemplates(templates);
    }

    /// <summary>Expands a template with <paramref name="data"/> serialised as the Bot Framework does (camelCase, nulls left out).</summary>
    /// <exception cref="ArgumentException">No template has that name.</exception>
    /// <exception cref="TemplateException">A binding that makes up a whole value failed to evaluate.</exception>
    public JsonElement Render(string name, object data)
    {
        var template = _templates.GetValueOrDefault(name) ?? throw new ArgumentException($"No card template is named '{name}'.", nameof(name));
        var card = template.Expand(JsonSerializer.SerializeToNode(data, BotJson.Options));
        return JsonSerializer.SerializeToElement(card, BotJson.Options);
    }

    /// <summary>The rendered card as a message attachment.</summary>
    public Attachment RenderAttachment(string name, object data) => Attachment.AdaptiveCard(Render(name, data));

    private static CardTemplate Parse(string file)
    {
        try
        {
            return CardTemplate.Parse(File.ReadAllText(file));
        }
        catch (TemplateException e)
        {
            throw new TemplateException($"Card template {file} cannot be loaded: {e.Message}", e);
        }
    }

    private static string NameOf(string directory, string file) =>
        Path.ChangeExtension(Path.GetRelativePath(directory, file), null).Replace(Path.DirectorySeparatorChar, '/');

    private static string FileOf(string directory, string name) => Path.Combine(directory, name + ".json");
}
