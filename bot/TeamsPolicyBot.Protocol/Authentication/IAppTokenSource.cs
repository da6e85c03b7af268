namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// The bot's own identity as a source of app-only tokens, whatever the resource (the Bot Connector, Microsoft Graph):
/// the app registration's client secret (<c>MicrosoftAppType</c> SingleTenant) or the managed identity
/// (UserAssignedMSI). Both cache a token until shortly before it expires.
/// </summary>
public interface IAppTokenSource
{
    /// <param name="scope">The resource's <c>.default</c> scope, e.g. <c>https://api.botframework.com/.default</c>.</param>
    Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken);
}
