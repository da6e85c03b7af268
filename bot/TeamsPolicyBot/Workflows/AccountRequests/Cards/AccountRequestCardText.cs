using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// The words the account request cards use for the form's choice values and the request statuses. The choice lists
/// match cards/account-requests/request-form.json and approval.json (a test keeps them the same).
/// </summary>
internal static class AccountRequestCardText
{
    // The labels are the domain's choice titles, so the form, the cards and the audit trail use the same words.
    public static IReadOnlyDictionary<string, string> Platforms { get; } = Labels(SocialPlatforms.Choices);

    public static IReadOnlyDictionary<string, string> UnitTypes { get; } = Labels(AccountRequestChoices.UnitTypes);

    public static IReadOnlyDictionary<string, string> PostingFrequencies { get; } = Labels(AccountRequestChoices.PostingFrequencies);

    /// <summary>Reasons to reject (input id <c>rejectReason</c> on the approval card), from policy 4.2.</summary>
    public static IReadOnlyDictionary<string, string> RejectReasons { get; } = Labels(AccountRequestChoices.RejectReasons);

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

    private static Dictionary<string, string> Labels<T>(ChoiceSet<T> choices)
        where T : struct, Enum =>
        choices.Choices.ToDictionary(choice => choice.Value, choice => choice.Title, StringComparer.Ordinal);

    private static (string Text, string Style) StatusOf(string status) =>
        Statuses.TryGetValue(status, out var known) ? known : throw new ArgumentException($"'{status}' is not an account request status.", nameof(status));
}
