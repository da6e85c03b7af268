using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Workspace;

/// <summary>The Comms workspace tab's sign-in (<c>Workspace</c> section).</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>
    /// Where the tenant's OpenID metadata (and through it the signing keys of Teams SSO tokens) is read. Empty: Entra's
    /// v2.0 metadata for <c>MicrosoftAppTenantId</c>. Tests point it at their own loopback server.
    /// </summary>
    [Url(ErrorMessage = "Workspace:MetadataAddress must be an absolute address, such as https://login.microsoftonline.com/<tenant id>/v2.0/.well-known/openid-configuration, or empty.")]
    public string? MetadataAddress { get; set; }

    /// <summary>How long a local sign-in token lasts (Development without an app id only); short, so a stale tab signs in again.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "08:00:00", ErrorMessage = "Workspace:LocalSignInLifetime must be between 00:01:00 and 08:00:00, such as 00:30:00.")]
    public TimeSpan LocalSignInLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The metadata address for <paramref name="tenantId"/> unless one is set.</summary>
    public string MetadataAddressFor(string? tenantId) =>
        string.IsNullOrWhiteSpace(MetadataAddress) ? $"https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration" : MetadataAddress;
}
