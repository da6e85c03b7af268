namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The bearer token the bot presents to the Bot Connector; null when authentication is off (local runs).</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
