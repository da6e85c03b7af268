using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions.Authentication;
using TeamsPolicyBot.Protocol.Authentication;

namespace TeamsPolicyBot.People;

/// <summary>
/// Client-credentials tokens for Microsoft Graph as the bot's own app registration, in the bot's
/// tenant. Tokens go only to the configured Graph host (the SDK's convenience provider would send
/// none to a non-Graph host such as a loopback fake, and a token must never leak to another host),
/// and only over https unless the host is loopback. MSAL caches the token until shortly before it expires.
/// </summary>
internal sealed class MsalGraphTokenProvider : IAccessTokenProvider
{
    private readonly IConfidentialClientApplication application;
    private readonly string[] scopes;

    public MsalGraphTokenProvider(IOptions<BotFrameworkOptions> botOptions, IOptions<GraphOptions> graphOptions, IMsalHttpClientFactory? msalHttpClientFactory = null)
    {
        var bot = botOptions.Value;
        var graph = graphOptions.Value;
        scopes = [graph.Scope];
        AllowedHostsValidator = new AllowedHostsValidator([new Uri(graph.BaseUrl).Host]);

        application = bot.CreateConfidentialClient(msalHttpClientFactory);
    }

    public AllowedHostsValidator AllowedHostsValidator { get; }

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback))
        {
            return string.Empty;
        }

        var result = await application.AcquireTokenForClient(scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }
}
