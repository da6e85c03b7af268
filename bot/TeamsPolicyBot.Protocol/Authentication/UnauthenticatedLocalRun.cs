namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Inbound authentication when it is off: a local run without an app id, which <see cref="BotFrameworkOptionsValidator"/> allows
/// only in Development (the Playground sends no token). Registered instead of <see cref="BotFrameworkTokenValidator"/> so that such
/// a run never loads the token libraries, about 1.5 MB resident that would check nothing (issue 14).
/// </summary>
internal sealed class UnauthenticatedLocalRun : IInboundAuthenticator
{
    public static readonly UnauthenticatedLocalRun Instance = new();

    public Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken) =>
        Task.FromResult(InboundAuthResult.Success);
}
