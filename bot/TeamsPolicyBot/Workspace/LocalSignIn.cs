using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsPolicyBot.Protocol.Authentication;

namespace TeamsPolicyBot.Workspace;

/// <summary>
/// Stands in for Teams SSO on a developer's machine: the same rule as inbound authentication (Development and no
/// <c>MicrosoftAppId</c>), and nowhere else. It signs short tokens with a key made for this process, which the workspace's
/// JwtBearer scheme then checks like any other token; nothing signed here is trusted once an app id is set.
/// </summary>
internal sealed class LocalSignIn : IDisposable
{
    public const string Issuer = "urn:teams-policy-bot:local-sign-in";
    public const string Audience = "urn:teams-policy-bot:workspace";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly TimeSpan lifetime;

    public LocalSignIn(IHostEnvironment environment, IOptions<BotFrameworkOptions> bot, IOptions<WorkspaceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        IsAvailable = environment.IsDevelopment() && bot.Value.IsAuthenticationDisabled;
        lifetime = options.Value.LocalSignInLifetime;
        Key = new RsaSecurityKey(rsa) { KeyId = "local-" + Guid.NewGuid().ToString("N")[..8] };
    }

    /// <summary>Development with inbound authentication off: the local run.</summary>
    public bool IsAvailable { get; }

    public SecurityKey Key { get; }

    /// <summary>A token for <paramref name="aadObjectId"/>; throws when local sign-in is not available here.</summary>
    public string TokenFor(string aadObjectId, string name)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("Local sign-in is only available in Development with MicrosoftAppId empty.");
        }

        // The system clock, not the app's TimeProvider: the token handler checks lifetimes against the system clock.
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { [WorkspaceClaims.ObjectId] = aadObjectId, [WorkspaceClaims.Name] = name },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => rsa.Dispose();
}

/// <summary>The claims the workspace reads, by their token names (inbound claim mapping is off).</summary>
internal static class WorkspaceClaims
{
    public const string ObjectId = "oid";
    public const string Name = "name";
    public const string TenantId = "tid";
}
