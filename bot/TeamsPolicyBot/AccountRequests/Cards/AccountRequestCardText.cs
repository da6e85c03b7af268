using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.AccountRequests.Cards;

/// <summary>
/// The words the account request cards use for the form's choice values and the request statuses. The choice lists
/// match cards/account-requests/request-form.json and approval.json (a test keeps them the same).
/// </summary>
internal static class AccountRequestCardText
{
    /// <summary>Platform values (form id <c>platform</c>) and how the cards name them.</summary>
    public static IReadOnlyDictionary<string, string> Platforms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x"] = "X (Twitter)",
        ["facebook"] = "Facebook",
        ["instagram"] = "Instagram",
        ["linkedin"] = "LinkedIn",
        ["youtube"] = "YouTube",
        ["tiktok"] = "TikTok",
        ["bluesky"] = "Bluesky",
        ["threads"] = "Threads",
        ["vivaengage"] = "Viva Engage (Yammer)",
        ["other"] = "Other",
    };

    /// <summary>Unit types (form id <c>unitType</c>).</summary>
    public static IReadOnlyDictionary<string, string> UnitTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["faculty"] = "Faculty",
        ["mrcUnit"] = "MRC Unit",
        ["department"] = "Department",
        ["researchCentre"] = "Research centre",
        ["group"] = "Group",
        ["project"] = "Project",
        ["network"] = "Network",
    };

    /// <summary>Posting frequencies (form id <c>postingFrequency</c>).</summary>
    public static IReadOnlyDictionary<string, string> PostingFrequencies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["daily"] = "Every day",
        ["severalPerWeek"] = "Several times a week",
        ["weekly"] = "Every week",
        ["monthly"] = "Every month",
        ["occasional"] = "Now and then",
    };

    /// <summary>Reasons to reject (input id <c>rejectReason</c> on the approval card), from policy 4.2.</summary>
    public static IReadOnlyDictionary<string, string> RejectReasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["insufficientResource"] = "Not enough resource to run it well (4.2)",
        ["reputationalRisk"] = "Reputational risk (4.2)",
        ["duplicate"] = "Duplicates an existing official account",
        ["other"] = "Other",
    };

    /// <summary>The request statuses by their <c>AccountRequestStatus</c> name: the words shown, and the container style beside them.</summary>
    private static readonly Dictionary<string, (string Text, string Style)> Statuses = new(StringComparer.Ordinal)
    {
        ["Pending"] = ("Pending", "warning"),
        ["Approved"] = ("Approved", "good"),
        ["Rejected"] = ("Rejected", "attention"),
        ["ChangesRequested"] = ("Changes requested", "accent"),
        ["Withdrawn"] = ("Withdrawn", "emphasis"),
    };

    /// <summary>"Changes requested" for <c>ChangesRequested</c>.</summary>
    /// <exception cref="ArgumentException">Not an <c>AccountRequestStatus</c> name.</exception>
    public static string StatusText(string status) => StatusOf(status).Text;

    /// <summary>The Adaptive Card container style that goes with the status (its words are always shown too).</summary>
    /// <exception cref="ArgumentException">Not an <c>AccountRequestStatus</c> name.</exception>
    public static string StatusStyle(string status) => StatusOf(status).Style;

    /// <summary>"Instagram", or the name typed for Other (escaped). Unknown values are shown escaped as they are.</summary>
    public static string Platform(string platform, string? platformOther) =>
        platform == "other" && !string.IsNullOrWhiteSpace(platformOther) ? Markdown.Escape(platformOther) : Label(Platforms, platform);

    /// <summary>"Instagram account @MRCGambia\_Malaria" (escaped), how the requester's notices name the account.</summary>
    public static string AccountName(string platform, string? platformOther, string handle) =>
        $"{Platform(platform, platformOther)} account {Markdown.Escape(handle)}";

    /// <summary>The label of <paramref name="value"/> in <paramref name="labels"/>; an unknown value is shown escaped as it is.</summary>
    public static string Label(IReadOnlyDictionary<string, string> labels, string? value) =>
        value is not null && labels.TryGetValue(value, out var label) ? label : Markdown.Escape(value);

    /// <summary>"Priya Shah and Amadou Jallow" from names or emails as typed (each escaped); blanks are left out.</summary>
    public static string Administrators(params IEnumerable<string?> administrators)
    {
        var names = administrators.Where(name => !string.IsNullOrWhiteSpace(name)).Select(Markdown.Escape).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    private static (string Text, string Style) StatusOf(string status) =>
        Statuses.TryGetValue(status, out var known) ? known : throw new ArgumentException($"'{status}' is not an account request status.", nameof(status));
}
