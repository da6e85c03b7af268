using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Policy;

/// <summary>
/// Where a clause number on a card points: <c>Policy:Url</c> if set, else the bot's own /policy page
/// (<c>Bot:PublicBaseUrl</c>), else nowhere (the number as plain text).
/// </summary>
internal sealed class PolicyLinks(IOptions<PolicyOptions> policy, IOptions<BotSiteOptions> site)
{
    /// <summary>The policy page the links point to, or null when neither setting is known.</summary>
    public Uri? Page { get; } = PageOf(policy.Value.Url, site.Value.PublicBaseUrl);

    /// <summary>"[4.18](https://…/policy#clause-4-18)" in card markdown, or "4.18" when there is no page to link to.</summary>
    public string Clause(string number) => Page is { } page ? $"[{number}]({page.GetLeftPart(UriPartial.Query)}#{PolicyDocument.ClauseAnchor(number)})" : number;

    private static Uri? PageOf(string? url, string? publicBaseUrl) =>
        !string.IsNullOrEmpty(url) ? new Uri(url)
        : !string.IsNullOrEmpty(publicBaseUrl) ? new Uri(new Uri(publicBaseUrl.TrimEnd('/') + "/"), PolicyPage.Path.TrimStart('/'))
        : null;
}
