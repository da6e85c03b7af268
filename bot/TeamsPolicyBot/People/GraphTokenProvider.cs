using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;
using TeamsPolicyBot.Protocol.Authentication;

namespace TeamsPolicyBot.People;

/// <summary>
/// App-only tokens for Microsoft Graph, asked of the bot's own identity (its app registration's secret, or its
/// managed identity). Tokens go only to the configured Graph host (the SDK's convenience provider would send none to a
/// non-Graph host such as a loopback fake, and a token must never leak to another host), and only over https unless
/// the host is loopback.
/// </summary>
internal sealed class GraphTokenProvider(IAppTokenSource identity, IOptions<GraphOptions> graphOptions) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(graphOptions.Value.BaseUrl).Host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback))
        {
            return string.Empty;
        }

        return await identity.GetTokenAsync(graphOptions.Value.Scope, cancellationToken).ConfigureAwait(false);
    }
}
