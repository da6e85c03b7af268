using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Client-credentials tokens for the connector, from the bot's own tenant (single-tenant bots
/// must not use the botframework.com tenant). MSAL keeps the token in its in-memory app cache
/// and only asks Entra again shortly before it expires.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private static readonly string[] Scopes = [BotFrameworkOptions.DefaultOAuthScope];
    private readonly IConfidentialClientApplication? application;

    public MsalConnectorTokenProvider(IOptions<BotFrameworkOptions> options, IMsalHttpClientFactory? msalHttpClientFactory = null)
    {
        var settings = options.Value;
        if (settings.IsAuthenticationDisabled)
        {
            return;
        }

        application = settings.CreateConfidentialClient(msalHttpClientFactory);
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (application is null)
        {
            return null;
        }

        var result = await application.AcquireTokenForClient(Scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }
}
