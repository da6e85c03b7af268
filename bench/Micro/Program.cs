using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;

BenchmarkSwitcher.FromAssembly(typeof(ActivityParsing).Assembly).Run(args);

/// <summary>An inbound "help" message as Teams sends it, parsed and written back.</summary>
[MemoryDiagnoser]
public class ActivityParsing
{
    private const string Json = """
        {"type":"message","id":"1712345678901","timestamp":"2026-12-03T10:00:00.000Z","localTimestamp":"2026-12-03T11:00:00.000+01:00",
         "channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/emea/",
         "from":{"id":"29:1a2b3c","name":"Ada Lovelace","aadObjectId":"00000000-0000-4000-8000-000000000001"},
         "conversation":{"id":"a:1xyz","conversationType":"personal","tenantId":"00000000-0000-4000-8000-00000000b0b0"},
         "recipient":{"id":"28:bot","name":"Policy bot"},"text":"help","textFormat":"plain","locale":"en-GB",
         "entities":[{"type":"clientInfo","locale":"en-GB","country":"GB","platform":"Web","timezone":"Europe/London"}],
         "channelData":{"tenant":{"id":"00000000-0000-4000-8000-00000000b0b0"}}}
        """;

    private readonly byte[] utf8 = Encoding.UTF8.GetBytes(Json);
    private readonly Activity parsed = BotJson.Deserialize<Activity>(Json)!;

    [Benchmark]
    public Activity? Parse() => JsonSerializer.Deserialize<Activity>(utf8, BotJson.Options);

    [Benchmark]
    public byte[] Write() => JsonSerializer.SerializeToUtf8Bytes(parsed, BotJson.Options);
}

/// <summary>The welcome card (the "help" turn's reply) and the approval card, expanded from their templates.</summary>
[MemoryDiagnoser]
public class CardExpansion
{
    private readonly CardTemplates templates = CardTemplates.Load(CardTemplates.DefaultDirectory, []);
    private readonly object approvalData = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(RepositoryCards(), "account-requests", "approval.data.json")));

    /// <summary>The sample data stays in the repository's cards/ (the build copies only the templates).</summary>
    private static string RepositoryCards()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TeamsPolicyBot.sln")))
            {
                return Path.Combine(folder.FullName, "cards");
            }
        }

        throw new DirectoryNotFoundException("The repository's cards/ folder was not found above " + AppContext.BaseDirectory);
    }

    [Benchmark]
    public JsonElement Welcome() => templates.Render(SharedCardNames.Welcome, new { firstName = "Ada" });

    [Benchmark]
    public JsonElement Approval() => templates.Render("account-requests/approval", approvalData);
}

/// <summary>Validating the Bot Connector's JWT with the signing key already cached (the every-activity cost with auth on).</summary>
[MemoryDiagnoser]
public class TokenValidation
{
    private const string AppId = "6a1c3e0e-6f2b-4a5e-9d7c-2b8f0e1a4c3d";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private readonly RSA rsa = RSA.Create(2048);
    private BotFrameworkTokenValidator validator = null!;
    private string header = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var parameters = rsa.ExportParameters(false);
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "key-1", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent), endorsements = new[] { "msteams" } } } });
        var metadata = JsonSerializer.Serialize(new { issuer = "https://api.botframework.com", jwks_uri = "http://keys.invalid/keys" });
        var services = new ServiceCollection();
        services.AddHttpClient(SigningKeyCache.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new StaticHandler(request =>
            request.RequestUri!.AbsolutePath.EndsWith("/keys", StringComparison.Ordinal) ? jwks : metadata));
        var options = Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = "tenant",
            BotOpenIdMetadata = "http://metadata.invalid/.well-known/openidconfiguration",
        });
        var keys = new SigningKeyCache(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System, NullLogger<SigningKeyCache>.Instance);
        validator = new BotFrameworkTokenValidator(keys, options);
        header = "Bearer " + new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(2),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "key-1" }, SecurityAlgorithms.RsaSha256),
        });
        var first = await Validate();
        if (!first.IsAuthenticated)
        {
            throw new InvalidOperationException(first.FailureReason);
        }
    }

    [Benchmark]
    public Task<InboundAuthResult> Validate() => validator.AuthenticateAsync(header, "msteams", ServiceUrl, CancellationToken.None);

    private sealed class StaticHandler(Func<HttpRequestMessage, string> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body(request), Encoding.UTF8, "application/json") });
    }
}

/// <summary>"Ask the policy": one question searched against the clauses' in-memory index (built once, as at start-up).</summary>
[MemoryDiagnoser]
public class PolicyQuestions
{
    private readonly TeamsPolicyBot.Policy.PolicySearch search = new(TeamsPolicyBot.Policy.PolicyDocument.Load(TeamsPolicyBot.Policy.PolicyDocument.DefaultFile));

    [Benchmark]
    public int Answer() => search.Answer("who approves a new Instagram page for our research group?").Count;
}
