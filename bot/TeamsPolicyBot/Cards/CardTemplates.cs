using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Cards.Templating;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// Every card template under one folder, parsed once, keyed "&lt;workflow&gt;/&lt;name&gt;". Loading fails (so the app
/// fails at start-up, not at a user's click) when a template is not valid or a name in <see cref="DeclaredCardNames"/> has no file.
/// </summary>
internal sealed partial class CardTemplates
{
    private const string SampleDataSuffix = ".data.json";

    private readonly Dictionary<string, CardTemplate> _templates;
    private readonly Func<string, string> _clause;
    private readonly JsonObject _privacy;

    private CardTemplates(Dictionary<string, CardTemplate> templates, IReadOnlySet<string> policyClauses, Func<string, string>? clause = null, JsonObject? privacy = null)
    {
        _templates = templates;
        PolicyClauses = policyClauses;
        _clause = clause ?? (number => number);
        _privacy = privacy ?? [];
    }

    /// <summary>
    /// Every policy clause a template names as <c>${policy.c4_18}</c> ("4.18"). Every card's data gets <c>policy</c>
    /// with each of them: the clause as a markdown link to the policy, or its number as plain text when the bot knows
    /// no policy page (see <see cref="WithPolicyLinks"/>). Only TextBlocks render the link; labels would show the markdown.
    /// </summary>
    public IReadOnlySet<string> PolicyClauses { get; }

    /// <summary>"c4_18" for "4.18": the key under <c>policy</c> in every card's data.</summary>
    public static string ClauseKey(string number) => "c" + number.Replace('.', '_');

    /// <summary>
    /// The same templates, with clause numbers written by <paramref name="clause"/> (e.g. "[4.18](https://…#clause-4-18)").
    /// Templates are loaded before the settings are read, so that a broken one stops the app at once; this adds what the settings say.
    /// </summary>
    public CardTemplates WithPolicyLinks(Func<string, string> clause) => new(_templates, PolicyClauses, clause, _privacy);

    /// <summary>
    /// The same templates, with <paramref name="privacy"/> given to every card as <c>privacy</c> (the short privacy notice,
    /// <see cref="DataProtection.PrivacyNotice.Data"/>): written once from the settings, shown by the forms and cards that name it.
    /// </summary>
    public CardTemplates WithPrivacyNotice(JsonObject privacy) => new(_templates, PolicyClauses, _clause, privacy);

    /// <summary>Where the app's build puts the templates: beside the app, so the working directory does not matter.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "cards");

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <exception cref="TemplateException">A template is invalid, or one of <paramref name="requiredNames"/> has no file.</exception>
    public static CardTemplates Load(string directory, IEnumerable<string> requiredNames)
    {
        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        var clauses = new SortedSet<string>(StringComparer.Ordinal);
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Where(file => !file.EndsWith(SampleDataSuffix, StringComparison.OrdinalIgnoreCase))
            : [];
        foreach (var file in files)
        {
            templates[NameOf(directory, file)] = Parse(file);
            clauses.UnionWith(ClausesIn(File.ReadAllText(file)));
        }

        var missing = requiredNames.Where(name => !templates.ContainsKey(name)).Select(name => FileOf(directory, name)).ToList();
        if (missing.Count > 0)
        {
            throw new TemplateException($"Card template file(s) missing: {string.Join(", ", missing)}.");
        }

        return new CardTemplates(templates, clauses);
    }

    /// <summary>"4.18" for each <c>${policy.c4_18}</c> in a template's text.</summary>
    public static IEnumerable<string> ClausesIn(string templateText) =>
        PolicyBinding().Matches(templateText).Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}");

    /// <summary>Expands a template with <paramref name="data"/> serialised as the Bot Framework does (camelCase, nulls left out).</summary>
    /// <exception cref="ArgumentException">No template has that name.</exception>
    /// <exception cref="TemplateException">A binding that makes up a whole value failed to evaluate.</exception>
    public JsonElement Render(string name, object data)
    {
        var template = _templates.GetValueOrDefault(name) ?? throw new ArgumentException($"No card template is named '{name}'.", nameof(name));
        var node = JsonSerializer.SerializeToNode(data, BotJson.Options);
        if (node is JsonObject root && !root.ContainsKey("policy"))
        {
            root["policy"] = PolicyData();
        }

        if (node is JsonObject withPolicy && !withPolicy.ContainsKey("privacy"))
        {
            withPolicy["privacy"] = _privacy.DeepClone();
        }

        var card = template.Expand(node);
        return JsonSerializer.SerializeToElement(card, BotJson.Options);
    }

    /// <summary>What every card's data gets as <c>policy</c>: <c>{"c4_18": "[4.18](https://…#clause-4-18)"}</c>, or the plain numbers.</summary>
    public JsonObject PolicyData() =>
        new(PolicyClauses.Select(number => KeyValuePair.Create(ClauseKey(number), (JsonNode?)JsonValue.Create(_clause(number)))));

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

    [GeneratedRegex(@"\$\{policy\.c(\d{1,2})_(\d{1,2})\}")]
    private static partial Regex PolicyBinding();
}
