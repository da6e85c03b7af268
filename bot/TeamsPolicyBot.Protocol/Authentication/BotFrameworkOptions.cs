namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// The bot's identity, bound from the configuration root with the Bot Framework's own setting
/// names (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const string DefaultOAuthScope = "https://api.botframework.com/.default";
    public const string DefaultLoginAuthority = "https://login.microsoftonline.com";

    /// <summary>The Entra app id of the bot registration. Empty means inbound auth is off (Development only).</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret used to obtain tokens for the connector.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant of a single-tenant bot registration.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the connector's signing keys are published. Tests point this at their own server.</summary>
    public string BotOpenIdMetadata { get; set; } = DefaultOpenIdMetadataUrl;

    public string TokenIssuer { get; set; } = DefaultTokenIssuer;

    public string LoginAuthority { get; set; } = DefaultLoginAuthority;

    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
