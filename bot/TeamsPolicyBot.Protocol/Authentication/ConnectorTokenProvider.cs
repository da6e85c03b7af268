namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The Bot Connector's scope, asked of the bot's identity; no token when inbound authentication is off (local runs).</summary>
internal sealed class ConnectorTokenProvider(IAppTokenSource? identity) : IConnectorTokenProvider
{
    /// <summary>A local run without an app id: the connector (the Playground) is called without a token.</summary>
    public static readonly ConnectorTokenProvider Anonymous = new(null);

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        identity is null ? null : await identity.GetTokenAsync(BotFrameworkOptions.DefaultOAuthScope, cancellationToken).ConfigureAwait(false);
}
