using System.Security.Cryptography;
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

    private BotFrameworkTokenValidator CreateValidator(string? appId = FakeBotConnectorIssuer.AppId)
    {
        var options = Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = appId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = "tenant",
            BotOpenIdMetadata = issuer.MetadataUrl,
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
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_or_misdirected_token_is_rejected_by_the_check_meant_for_it(string why, Func<FakeBotConnectorIssuer, string> token, string expectedReason)
    {
        var result = await Authenticate(CreateValidator(), "Bearer " + token(issuer));

        Assert.False(result.IsAuthenticated, why);
        Assert.Contains(expectedReason, result.FailureReason, StringComparison.OrdinalIgnoreCase);
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
