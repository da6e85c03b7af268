using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The official account an incident is about, for its triage card: names only. The administrators' ids are not kept on
/// the incident (it outlives their time running the account); their notice reads them from the register when it is sent.
/// </summary>
internal sealed record ReportedOfficialAccount(string SourceReference, string PlatformName, string Handle, string UnitName, IReadOnlyList<string> AdministratorNames);

/// <summary>
/// Finds the registered official account an incident's link points at (policy 4.18): the platform and handle read from
/// the link, then one point read of the register's handle index (normalised as the index is: case and a leading "@" do
/// not matter) and one of the account, for its administrators' names.
/// </summary>
internal sealed class IncidentAccountMatch(IOfficialAccounts accounts)
{
    /// <summary>How many of a report's links are tried: a report about an account links it first.</summary>
    private const int LinksTried = 3;

    /// <summary>Path words that are never a handle ("x.com/i/…", "instagram.com/p/…").</summary>
    private static readonly HashSet<string> NotHandles = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "p", "reel", "reels", "stories", "explore", "hashtag", "search", "home", "intent", "share", "watch", "shorts",
        "groups", "events", "pages", "photo", "photos", "posts", "status", "feed", "login", "settings",
    };

    public async Task<ReportedOfficialAccount?> FindAsync(IncidentDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        foreach (var (platform, handle) in details.Links.Select(HandleOf).OfType<(SocialPlatform, string)>().Take(LinksTried))
        {
            if (await accounts.FindByHandleAsync(platform, SocialPlatforms.NameOf(platform, null), handle, cancellationToken) is { } registered
                && await accounts.GetAsync(registered.SourceReference, cancellationToken) is { } account)
            {
                return new ReportedOfficialAccount(
                    account.SourceReference, account.PlatformName, account.Handle, account.UnitName, [.. account.Administrators.Select(OfficialAccount.NameOf)]);
            }
        }

        return null;
    }

    /// <summary>The platform and handle a link names ("https://www.instagram.com/lshtm_malaria/p/…" is Instagram "lshtm_malaria"); null for a host or path that names no account.</summary>
    public static (SocialPlatform Platform, string Handle)? HandleOf(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.IsAbsoluteUri || PlatformOf(link.Host) is not { } platform)
        {
            return null;
        }

        var parts = link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var handle = (platform, parts) switch
        {
            (SocialPlatform.LinkedIn, ["company" or "school" or "showcase" or "in", var name, ..]) => name,
            (SocialPlatform.LinkedIn, _) => null,
            (SocialPlatform.Bluesky, ["profile", var name, ..]) => name,
            (SocialPlatform.Bluesky, _) => null,
            (SocialPlatform.YouTube, ["c" or "user" or "channel", var name, ..]) => name,
            (_, [var first, ..]) when !NotHandles.Contains(first) => first,
            _ => null,
        };
        handle = handle is null ? null : Uri.UnescapeDataString(handle).Trim();
        return string.IsNullOrEmpty(handle) || handle == "@" ? null : (platform, handle);
    }

    private static SocialPlatform? PlatformOf(string host)
    {
        var name = host.ToLowerInvariant();
        name = name.StartsWith("www.", StringComparison.Ordinal) ? name[4..] : name.StartsWith("m.", StringComparison.Ordinal) ? name[2..] : name;
        return name switch
        {
            "x.com" or "twitter.com" => SocialPlatform.X,
            "facebook.com" or "fb.com" => SocialPlatform.Facebook,
            "instagram.com" => SocialPlatform.Instagram,
            "linkedin.com" or "uk.linkedin.com" => SocialPlatform.LinkedIn,
            "youtube.com" => SocialPlatform.YouTube,
            "tiktok.com" => SocialPlatform.TikTok,
            "bsky.app" => SocialPlatform.Bluesky,
            "threads.net" or "threads.com" => SocialPlatform.Threads,
            _ => null,
        };
    }
}
