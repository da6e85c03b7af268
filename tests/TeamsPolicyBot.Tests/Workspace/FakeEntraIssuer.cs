using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>
/// Plays the tenant's Entra ID for Teams SSO: serves v2.0 OpenID metadata and a JWKS on loopback, and signs tokens with a
/// real RSA key, as <c>getAuthToken()</c> would hand them to the tab.
/// </summary>
public sealed class FakeEntraIssuer : IAsyncDisposable
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string AppId = "5a7d1a44-2f5e-4c2e-9b8a-1c3d5e7f9a0b";
    public const string PublicBaseUrl = "https://smd-bot.example.ac.uk";
    public const string Resource = "api://smd-bot.example.ac.uk/" + AppId;
    public const string KeyId = "entra-key-1";

    private readonly RSA key = RSA.Create(2048);
    private LoopbackHttpServer server = null!;

    public static string V2Issuer(string tenantId = TenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    public string MetadataAddress => new Uri(server.BaseAddress, $"{TenantId}/v2.0/.well-known/openid-configuration").ToString();

    public static async Task<FakeEntraIssuer> StartAsync()
    {
        var issuer = new FakeEntraIssuer();
        issuer.server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new
            {
                issuer = V2Issuer(),
                jwks_uri = new Uri(issuer.server.BaseAddress, "discovery/v2.0/keys").ToString(),
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }));
            app.MapGet("/discovery/v2.0/keys", () => Results.Content(issuer.Jwks(), "application/json"));
        });
        return issuer;
    }

    /// <summary>The settings that turn SSO on against this issuer.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["MicrosoftAppId"] = AppId;
        settings["MicrosoftAppPassword"] = "not-used";
        settings["MicrosoftAppTenantId"] = TenantId;
        settings["Bot:PublicBaseUrl"] = PublicBaseUrl;
        settings["Workspace:MetadataAddress"] = MetadataAddress;
    }

    public string Token(string oid, string audience = Resource, string? issuer = null, DateTime? expires = null, RSA? signWith = null, string name = "Test Person")
    {
        var now = DateTime.UtcNow;
        var ends = expires ?? now.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? V2Issuer(),
            Audience = audience,
            IssuedAt = ends.AddMinutes(-60),
            NotBefore = ends.AddMinutes(-60),
            Expires = ends,
            Claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = TenantId, ["name"] = name, ["scp"] = "access_as_user" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private string Jwks()
    {
        var parameters = key.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        key.Dispose();
    }
}
