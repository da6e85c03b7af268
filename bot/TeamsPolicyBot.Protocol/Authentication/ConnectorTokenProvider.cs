using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The Bot Connector's scope, asked of the bot's identity; no token when inbound authentication is off (local runs).</summary>
internal sealed class ConnectorTokenProvider(IOptions<BotFrameworkOptions> options, IAppTokenSource identity) : IConnectorTokenProvider
{
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        options.Value.IsAuthenticationDisabled ? null : await identity.GetTokenAsync(BotFrameworkOptions.DefaultOAuthScope, cancellationToken).ConfigureAwait(false);
}
