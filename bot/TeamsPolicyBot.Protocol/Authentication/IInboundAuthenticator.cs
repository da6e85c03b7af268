namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>Decides whether an inbound activity really comes from the Bot Connector for this bot.</summary>
public interface IInboundAuthenticator
{
    Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken);
}
