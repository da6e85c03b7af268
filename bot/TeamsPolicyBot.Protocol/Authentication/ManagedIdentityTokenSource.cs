using Azure.Core;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Tokens from the user-assigned managed identity the bot runs as (<c>MicrosoftAppType</c> UserAssignedMSI): no secret
/// exists to store or rotate. The credential (Azure.Identity's ManagedIdentityCredential) caches each token.
/// </summary>
internal sealed class ManagedIdentityTokenSource(TokenCredential credential) : IAppTokenSource
{
    public async Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
        return token.Token;
    }
}
