using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Validates the JWT the Bot Connector sends with every activity, check by check as Microsoft's
/// "Authentication with the Bot Connector API" lists them: an RS256/384/512 signature by a key
/// from the connector's OpenID metadata, issuer, audience = our app id, lifetime (5 minutes of
/// skew), the key endorsed for the activity's channel, and the <c>serviceurl</c> claim equal to
/// the activity's serviceUrl (so a token for one service cannot steer our replies elsewhere).
/// When the signing keys cannot be fetched the answer is "unavailable", not a refusal: the
/// endpoint answers 503 and the connector retries.
/// </summary>
internal sealed class BotFrameworkTokenValidator(SigningKeyCache signingKeys, IOptions<BotFrameworkOptions> options) : IInboundAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private const string BearerPrefix = "Bearer ";
    private const string ServiceUrlClaim = "serviceurl";

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (options.Value.IsAuthenticationDisabled)
        {
            return InboundAuthResult.Success;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Fail("missing bearer token");
        }

        var rawToken = authorizationHeader[BearerPrefix.Length..].Trim();
        if (!handler.CanReadToken(rawToken))
        {
            return InboundAuthResult.Fail("malformed token");
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(rawToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            // Three dot-separated parts, but a header or payload that is not base64url JSON.
            return InboundAuthResult.Fail("malformed token header or payload");
        }

        if (!AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return InboundAuthResult.Fail($"algorithm '{token.Alg}' not allowed");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return InboundAuthResult.Fail("token names no signing key");
        }

        EndorsedKey? key;
        try
        {
            key = await signingKeys.FindAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeysUnavailableException ex)
        {
            return InboundAuthResult.Unavailable($"signing keys unavailable ({ex.InnerException?.GetType().Name})");
        }

        if (key is null)
        {
            return InboundAuthResult.Fail("unknown signing key");
        }

        var result = await handler.ValidateTokenAsync(rawToken, Parameters(key.Key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return InboundAuthResult.Fail(result.Exception?.GetType().Name ?? "invalid token");
        }

        if (string.IsNullOrEmpty(channelId) || !key.Endorsements.Contains(channelId))
        {
            return InboundAuthResult.Fail("signing key not endorsed for the channel");
        }

        var claimedServiceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        if (claimedServiceUrl is null || !SameServiceUrl(claimedServiceUrl, serviceUrl))
        {
            return InboundAuthResult.Fail("serviceurl claim does not match the activity");
        }

        return InboundAuthResult.Success;
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = options.Value.TokenIssuer,
        ValidAudience = options.Value.MicrosoftAppId,
        IssuerSigningKey = key,
        ValidAlgorithms = AllowedAlgorithms,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
    };

    private static bool SameServiceUrl(string claimed, string? activityServiceUrl) =>
        activityServiceUrl is not null &&
        string.Equals(claimed.TrimEnd('/'), activityServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
