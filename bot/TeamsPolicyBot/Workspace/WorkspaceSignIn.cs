using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Authentication;

namespace TeamsPolicyBot.Workspace;

/// <summary>
/// The workspace's JwtBearer scheme. In Teams the page sends the SSO token from <c>getAuthToken()</c>: its signature is
/// checked against the tenant's OpenID metadata, its issuer must be the tenant (v1 or v2 tokens), its audience the app's
/// <c>api://&lt;host&gt;/&lt;app id&gt;</c> (or the bare app id). On the local run it checks <see cref="LocalSignIn"/>'s tokens instead.
/// </summary>
internal sealed class WorkspaceSignIn(
    IOptions<BotFrameworkOptions> bot,
    IOptions<BotSiteOptions> site,
    IOptions<WorkspaceOptions> workspace,
    LocalSignIn local) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string Scheme = "Workspace";

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != Scheme)
        {
            return;
        }

        // "oid" stays "oid" (not the long WS-Federation claim type), so the code reads what Entra documents.
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.NameClaimType = WorkspaceClaims.Name;
        parameters.ValidateIssuer = parameters.ValidateAudience = parameters.ValidateLifetime = parameters.ValidateIssuerSigningKey = true;
        parameters.RequireSignedTokens = parameters.RequireExpirationTime = true;
        parameters.ClockSkew = TimeSpan.FromMinutes(2);
        parameters.ValidAlgorithms = ["RS256"];

        if (local.IsAvailable)
        {
            parameters.ValidIssuer = LocalSignIn.Issuer;
            parameters.ValidAudience = LocalSignIn.Audience;
            parameters.IssuerSigningKey = local.Key;
            return;
        }

        var settings = bot.Value;
        var metadata = workspace.Value.MetadataAddressFor(settings.MicrosoftAppTenantId);
        options.MetadataAddress = metadata;

        // Entra publishes https metadata; only a test's loopback server may use plain http.
        options.RequireHttpsMetadata = !(Uri.TryCreate(metadata, UriKind.Absolute, out var uri) && uri.IsLoopback);
        parameters.ValidIssuers = Issuers(settings.MicrosoftAppTenantId);
        parameters.ValidAudiences = Audiences(settings.MicrosoftAppId, site.Value.PublicBaseUrl);
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>The tenant's v1 and v2 token issuers: Teams hands out either, depending on the app registration's manifest.</summary>
    public static IReadOnlyList<string> Issuers(string? tenantId) =>
        [$"https://login.microsoftonline.com/{tenantId}/v2.0", $"https://sts.windows.net/{tenantId}/"];

    /// <summary>
    /// The app's identifier URI (as the manifest's <c>webApplicationInfo.resource</c> names it) and the bare app id, which
    /// v2 tokens carry as their audience.
    /// </summary>
    public static IReadOnlyList<string> Audiences(string? appId, string? publicBaseUrl)
    {
        var audiences = new List<string> { appId ?? string.Empty };
        if (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var site))
        {
            audiences.Add($"api://{site.Authority}/{appId}");
        }

        return audiences;
    }
}
