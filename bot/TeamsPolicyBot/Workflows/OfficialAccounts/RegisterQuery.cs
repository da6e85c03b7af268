using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Which accounts a register card lists: a status, a platform and search words (each word must be found in the
/// platform, handle, unit or an administrator's name or email; case and a leading "@" do not matter). The workspace also
/// filters by one unit and one administrator (their Entra object id or email), chosen from lists of those in the register.
/// </summary>
internal sealed record RegisterQuery(OfficialAccountStatus? Status, SocialPlatform? Platform, IReadOnlyList<string> Words, string? Unit = null, string? Administrator = null)
{
    /// <summary>Longest search kept: a card's text box allows 100 characters; anything beyond is not a search.</summary>
    public const int MaxSearchLength = 100;

    public static RegisterQuery All { get; } = new(null, null, []);

    /// <summary>The search as typed back into the card's box.</summary>
    public string Search => string.Join(' ', Words);

    /// <summary>A query from the card's inputs (unknown values are ignored) or from the words typed after "accounts".</summary>
    public static RegisterQuery From(string? status, string? platform, string? search)
    {
        var words = (search ?? string.Empty)[..Math.Min((search ?? string.Empty).Length, MaxSearchLength)]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => word.TrimStart('@').ToLowerInvariant())
            .Where(word => word.Length > 0)
            .ToList();
        return new(
            OfficialAccountStatuses.Parse(status),
            SocialPlatforms.Choices.TryParse(platform, out var chosen) ? chosen : null,
            words);
    }

    public bool Matches(OfficialAccount account, OfficialAccountStatus statusNow)
    {
        ArgumentNullException.ThrowIfNull(account);
        if ((Status is { } status && status != statusNow) || (Platform is { } platform && platform != account.Platform))
        {
            return false;
        }

        if ((!string.IsNullOrWhiteSpace(Unit) && !string.Equals(Unit.Trim(), account.UnitName, StringComparison.OrdinalIgnoreCase)) ||
            (!string.IsNullOrWhiteSpace(Administrator) && !account.Administrators.Any(Is(Administrator.Trim()))))
        {
            return false;
        }

        var haystack = string.Join(
            '\n',
            new[] { account.PlatformName, account.Handle, account.UnitName }
                .Concat(account.Administrators.SelectMany(admin => new[] { admin.Name, admin.Email })))
            .ToLowerInvariant();
        return Words.All(word => haystack.Contains(word, StringComparison.Ordinal));
    }

    private static Func<Administrator, bool> Is(string idOrEmail) => admin =>
        ObjectIds.Same(admin.AadObjectId, idOrEmail) || string.Equals(admin.Email, idOrEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>"Filtered by: Audit due, Instagram, "malaria"", or "" for none.</summary>
    public string Description()
    {
        var parts = new List<string>();
        if (Status is { } status)
        {
            parts.Add(OfficialAccountStatuses.Text(status));
        }

        if (Platform is { } platform)
        {
            parts.Add(SocialPlatforms.Choices.TitleOf(platform));
        }

        if (Words.Count > 0)
        {
            parts.Add($"\"{Search}\"");
        }

        return parts.Count == 0 ? "" : $" Filtered by: {string.Join(", ", parts)}.";
    }
}
