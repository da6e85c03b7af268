using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using TeamsPolicyBot.Protocol.Authentication;

namespace TeamsPolicyBot.Tests.Protocol.Authentication;

public sealed class BotFrameworkTokenValidatorTests : IAsyncLifetime
{
    private FakeBotConnectorIssuer issuer = null!;
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        issuer = await FakeBotConnectorIssuer.StartAsync();
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await issuer.DisposeAsync();
    }

    private BotFrameworkTokenValidator CreateValidator(string? appId = FakeBotConnectorIssuer.AppId, string? metadataUrl = null)
    {
        var options = Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = appId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = "tenant",
            BotOpenIdMetadata = metadataUrl ?? issuer.MetadataUrl,
        });
        var keys = new SigningKeyCache(services.GetRequiredService<IHttpClientFactory>(), options, time, NullLogger<SigningKeyCache>.Instance);
        return new BotFrameworkTokenValidator(keys, options);
    }

    private static Task<InboundAuthResult> Authenticate(BotFrameworkTokenValidator validator, string? header, string channelId = "msteams", string serviceUrl = FakeBotConnectorIssuer.ServiceUrl) =>
        validator.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None);

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task A_token_signed_by_the_connector_for_this_bot_is_accepted(string algorithm)
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + issuer.CreateToken(algorithm: algorithm));

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task A_token_that_expired_within_the_five_minute_skew_is_still_accepted()
    {
        var token = issuer.CreateToken(notBefore: DateTime.UtcNow.AddMinutes(-30), expires: DateTime.UtcNow.AddMinutes(-3));

        Assert.True((await Authenticate(CreateValidator(), "Bearer " + token)).IsAuthenticated);
    }

    /// <summary>Each forged token with the check that must catch it, so a test cannot pass for the wrong reason.</summary>
    public static TheoryData<string, Func<FakeBotConnectorIssuer, string>, string> ForgedTokens => new()
    {
        { "expired", i => i.CreateToken(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6)), "Expired" },
        { "not yet valid", i => i.CreateToken(notBefore: DateTime.UtcNow.AddMinutes(6), expires: DateTime.UtcNow.AddHours(1)), "NotYetValid" },
        { "wrong audience", i => i.CreateToken(audience: "another-bot"), "Audience" },
        { "wrong issuer", i => i.CreateToken(issuer: "https://sts.windows.net/evil/"), "Issuer" },
        { "bad signature", i => i.CreateToken(signWith: RSA.Create(2048)), "Signature" },
        { "alg none", _ => FakeBotConnectorIssuer.CreateUnsignedToken(), "algorithm 'none'" },
        { "HMAC key confusion", _ => FakeBotConnectorIssuer.CreateHmacToken(), "algorithm 'HS256'" },
        { "serviceUrl mismatch", i => i.CreateToken(serviceUrl: "https://attacker.example/"), "serviceurl" },
        { "no serviceurl claim", i => i.CreateToken(serviceUrl: null), "serviceurl" },
        { "unknown key", i => i.CreateToken(kid: "key-9", signWith: RSA.Create(2048)), "unknown signing key" },
        { "not a JWT", _ => "not-a-token", "malformed" },
        { "three parts that are not JSON", _ => "bm90LWpzb24.bm90LWpzb24.c2ln", "malformed" },
        { "no key id", i => StripKeyId(i.CreateToken()), "names no signing key" },
        { "no expiry", i => i.CreateToken(withoutExpiry: true), "NoExpiration" },
        { "RSA-PSS algorithm", i => i.CreateToken(algorithm: SecurityAlgorithms.RsaSsaPssSha256), "algorithm 'PS256'" },
        { "signature stripped", i => string.Join('.', i.CreateToken().Split('.')[..2]) + ".", "Signature" },
        { "serviceurl claim not a string", i => i.CreateToken(serviceUrl: null, extraClaims: new Dictionary<string, object> { ["serviceurl"] = 42 }), "serviceurl" },
    };

    /// <summary>The same token with <c>kid</c> removed from its header (its signature no longer matters: the check comes first).</summary>
    private static string StripKeyId(string token)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header.Remove("kid");
        parts[0] = Base64UrlEncoder.Encode(header.ToJsonString());
        return string.Join('.', parts);
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_or_misdirected_token_is_rejected_by_the_check_meant_for_it(string why, Func<FakeBotConnectorIssuer, string> token, string expectedReason)
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + token(issuer));

        Assert.False(result.IsAuthenticated, why);
        Assert.Contains(expectedReason, result.FailureReason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task An_activity_without_a_channel_is_rejected(string? channelId)
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + issuer.CreateToken(), channelId: channelId!);

        Assert.Contains("not endorsed", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_without_a_service_url_is_rejected()
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + issuer.CreateToken(), serviceUrl: null!);

        Assert.Contains("serviceurl", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_that_cannot_be_fetched_make_the_answer_unavailable_not_a_refusal()
    {
        var unreachable = $"http://127.0.0.1:{TestSupport.FreePort.Next()}/.well-known/openidconfiguration";

        var result = await Authenticate(CreateValidator(metadataUrl: unreachable), "Bearer " + issuer.CreateToken());

        Assert.False(result.IsAuthenticated);
        Assert.True(result.IsUnavailable, result.FailureReason);
    }

    [Fact]
    public async Task A_metadata_document_without_a_key_set_makes_the_answer_unavailable()
    {
        var noJwks = new Uri(new Uri(issuer.MetadataUrl), "/keys").ToString();

        var result = await Authenticate(CreateValidator(metadataUrl: noJwks), "Bearer " + issuer.CreateToken());

        Assert.True(result.IsUnavailable, result.FailureReason);
    }

    [Fact]
    public async Task Refusals_are_never_unavailable()
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + issuer.CreateToken(audience: "another-bot"));

        Assert.False(result.IsUnavailable);
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activity_channel_is_rejected()
    {
        issuer.AddKey("skype-only", "skype");
        var validator = CreateValidator();

        var unendorsedKey = await Authenticate(validator, "Bearer " + issuer.CreateToken(kid: "skype-only"));
        var otherChannel = await Authenticate(validator, "Bearer " + issuer.CreateToken(), channelId: "webchat");

        Assert.Contains("not endorsed", unendorsedKey.FailureReason, StringComparison.Ordinal);
        Assert.Contains("not endorsed", otherChannel.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_request_without_a_bearer_token_is_rejected(string? header)
    {
        Assert.False((await Authenticate(CreateValidator(), header)).IsAuthenticated);
    }

    [Fact]
    public async Task With_no_app_id_authentication_is_off_and_nothing_is_fetched()
    {
        var result = await Authenticate(CreateValidator(appId: ""), header: null);

        Assert.True(result.IsAuthenticated);
        Assert.Equal(0, issuer.MetadataFetches);
    }

    [Fact]
    public async Task Signing_keys_are_cached_between_requests()
    {
        var validator = CreateValidator();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken())).IsAuthenticated);
        }

        Assert.Equal(1, issuer.MetadataFetches);
    }

    [Fact]
    public async Task An_unknown_key_id_refreshes_the_keys_so_a_rollover_is_picked_up()
    {
        var validator = CreateValidator();
        Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken())).IsAuthenticated);

        issuer.AddKey("key-2", "msteams");
        time.Advance(SigningKeyCache.UnknownKeyRefreshInterval);

        Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken(kid: "key-2"))).IsAuthenticated);
        Assert.Equal(2, issuer.MetadataFetches);
    }

    [Fact]
    public async Task Unknown_key_ids_cannot_make_the_bot_refetch_keys_on_every_request()
    {
        var validator = CreateValidator();
        Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken())).IsAuthenticated);
        issuer.AddKey("key-2", "msteams");

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await Authenticate(validator, "Bearer " + issuer.CreateToken(kid: "key-2"))).IsAuthenticated);
        }

        Assert.Equal(1, issuer.MetadataFetches);
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_fetched_again()
    {
        var validator = CreateValidator();
        Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken())).IsAuthenticated);

        time.Advance(SigningKeyCache.MaxAge);
        Assert.True((await Authenticate(validator, "Bearer " + issuer.CreateToken())).IsAuthenticated);

        Assert.Equal(2, issuer.MetadataFetches);
    }
}
