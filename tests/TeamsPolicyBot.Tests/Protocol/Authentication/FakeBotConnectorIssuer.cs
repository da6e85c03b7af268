using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Protocol.Authentication;

/// <summary>
/// Plays the Bot Connector's token issuer: publishes OpenID metadata and a JWKS with
/// endorsements on loopback, and signs tokens with its own RSA keys.
/// </summary>
public sealed class FakeBotConnectorIssuer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "6a1c3e0e-6f2b-4a5e-9d7c-2b8f0e1a4c3d";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly Dictionary<string, (RSA Rsa, string[] Endorsements)> keys = [];
    private LoopbackHttpServer server = null!;

    public string MetadataUrl => new Uri(server.BaseAddress, ".well-known/openidconfiguration").ToString();

    public int MetadataFetches => server.Requests.Count(r => r.PathAndQuery.Contains("openidconfiguration", StringComparison.Ordinal));

    public static async Task<FakeBotConnectorIssuer> StartAsync()
    {
        var issuer = new FakeBotConnectorIssuer();
        issuer.AddKey("key-1", "msteams");
        issuer.server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openidconfiguration", () => Results.Json(new
            {
                issuer = Issuer,
                jwks_uri = new Uri(issuer.server.BaseAddress, "keys").ToString(),
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }));
            app.MapGet("/keys", () => Results.Content(issuer.Jwks(), "application/json"));
        });
        return issuer;
    }

    public void AddKey(string kid, params string[] endorsements) => keys[kid] = (RSA.Create(2048), endorsements);

    public string CreateToken(
        string kid = "key-1",
        string audience = AppId,
        string issuer = Issuer,
        string? serviceUrl = ServiceUrl,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        RSA? signWith = null,
        IDictionary<string, object>? extraClaims = null,
        bool withoutExpiry = false)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Expires = withoutExpiry ? null : expires ?? now.AddMinutes(30),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? keys[kid].Rsa) { KeyId = kid }, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = !withoutExpiry }.CreateToken(descriptor);
    }

    /// <summary>A token whose header says <c>alg: none</c> and that carries no signature at all.</summary>
    public static string CreateUnsignedToken(string kid = "key-1")
    {
        static string Encode(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new { alg = "none", typ = "JWT", kid });
        var payload = Encode(new { iss = Issuer, aud = AppId, nbf = now - 60, exp = now + 1800, serviceurl = ServiceUrl });
        return $"{header}.{payload}.";
    }

    /// <summary>An HS256 token "signed" with a guessable secret: the classic key-confusion forgery.</summary>
    public static string CreateHmacToken()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = "key-1" }, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private string Jwks()
    {
        var jwks = keys.Select(pair =>
        {
            var parameters = pair.Value.Rsa.ExportParameters(false);
            return new
            {
                kty = "RSA",
                use = "sig",
                kid = pair.Key,
                n = Base64UrlEncoder.Encode(parameters.Modulus),
                e = Base64UrlEncoder.Encode(parameters.Exponent),
                endorsements = pair.Value.Endorsements,
            };
        });
        return JsonSerializer.Serialize(new { keys = jwks });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        foreach (var (rsa, _) in keys.Values)
        {
            rsa.Dispose();
        }
    }
}
