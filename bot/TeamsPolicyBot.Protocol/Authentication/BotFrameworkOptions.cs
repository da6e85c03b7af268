namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// The bot's identity, bound from the configuration root with the Bot Framework's own setting
/// names (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary>An app registration with a client secret (<c>MicrosoftAppPassword</c>).</summary>
    public const string SingleTenant = "SingleTenant";

    /// <summary>A user-assigned managed identity: <c>MicrosoftAppId</c> is its client id, and there is no secret.</summary>
    public const string UserAssignedMsi = "UserAssignedMSI";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const string DefaultOAuthScope = "https://api.botframework.com/.default";
    public const string DefaultLoginAuthority = "https://login.microsoftonline.com";

    /// <summary><see cref="SingleTenant"/> (the default) or <see cref="UserAssignedMsi"/>, as on the Azure Bot resource.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>
    /// The Entra app id of the bot registration (for UserAssignedMSI, the identity's client id). Empty means inbound
    /// auth is off (Development only).
    /// </summary>
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

    public bool UsesManagedIdentity => string.Equals(MicrosoftAppType, UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
}
