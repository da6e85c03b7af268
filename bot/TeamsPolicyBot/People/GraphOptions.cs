using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.People;

/// <summary>
/// Microsoft Graph, for line managers (<c>Graph</c> section). Off by default: then
/// <c>Directory:Managers</c> is used. On, it signs in as the bot's own app registration
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>), which needs
/// the application permission User.Read.All with admin consent.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    public bool Enabled { get; set; }

    /// <summary>The Graph endpoint with its version. Tests point this at a loopback fake.</summary>
    [Required(ErrorMessage = "Graph:BaseUrl is required, e.g. https://graph.microsoft.com/v1.0.")]
    [Url(ErrorMessage = "Graph:BaseUrl must be an absolute http(s) URL, e.g. https://graph.microsoft.com/v1.0.")]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The scope asked for in the client-credentials token.</summary>
    [Required(ErrorMessage = "Graph:Scope is required, e.g. https://graph.microsoft.com/.default.")]
    public string Scope { get; set; } = DefaultScope;

    /// <summary>
    /// How long one lookup may take, token included. Callers are turn handlers: past this the
    /// person picks their manager themselves.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Graph:Timeout must be between 00:00:00.100 and 00:01:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
