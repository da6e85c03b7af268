using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Protocol.Authentication;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Turns;

/// <summary>
/// Malformed traffic through the whole app (inbound authentication on, signed test tokens, the
/// tenant gate, Azurite): garbage bodies, wrong JSON types for every field the bot reads, missing
/// fields, 100,000-character strings, characters Table Storage refuses in keys, unknown verbs and
/// invoke names, other tenants. Whatever arrives, the bot never answers 5xx and stores nothing:
/// after each case every table holds exactly the rows it held before (the one well-formed
/// conversation seeded at the start). And no case needs the exception boundary's last resort:
/// nothing is logged as an error, so each is refused on purpose.
/// </summary>
[Collection(BadInputCorpusTests.Collection)]
public sealed class BadInputCorpusTests(BadInputCorpusTests.App app)
{
    public const string Collection = "Bad input corpus";
    public const string Tenant = "e4cb4786-fcea-439d-9e2d-bc0614d06250";
    public const string OtherTenant = "0b7f5d6e-9a8b-4c3d-8e2f-1a2b3c4d5e6f";
    private const string UserAadId = BotApplicationFactory.StaffAadId;
    private const string Huge = "100k";

    public sealed record CorpusCase(string Name, Func<App, string> Body, HttpStatusCode? Expected = null, Func<App, string?>? Token = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Dictionary<string, CorpusCase> Cases = BuildCases().ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void The_corpus_holds_at_least_60_cases()
    {
        Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Malformed_input_never_gets_a_5xx_and_stores_nothing(string name)
    {
        var corpusCase = Cases[name];

        app.Logs.Clear();

        var status = await app.PostAsync(corpusCase.Body(app), corpusCase.Token is null ? app.Token() : corpusCase.Token(app));

        Assert.True((int)status < 500, $"{name}: {(int)status}");
        if (corpusCase.Expected is { } expected)
        {
            Assert.Equal(expected, status);
        }

        Assert.Equal(app.Seeded, await app.RowsAsync());

        // Handled on purpose, not caught by the boundary's last resort.
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    private static IEnumerable<CorpusCase> BuildCases()
    {
        // Not an activity at all: 400 before anything else.
        foreach (var (label, body) in new[]
        {
            ("garbage text", "this is not json"),
            ("empty body", ""),
            ("truncated JSON", """{"type":"message","text":"hel"""),
            ("JSON null", "null"),
            ("JSON string", "\"message\""),
            ("array where the activity belongs", """[{"type":"message"}]"""),
            ("empty object", "{}"),
            ("nesting 500 deep", new string('[', 500) + new string(']', 500)),
            ("invalid UTF-8 escapes", "{\"type\":\"message\",\"text\":\"\\uD800\\uZZZZ\"}"),
        })
        {
            yield return new CorpusCase(label, _ => body, HttpStatusCode.BadRequest);
        }

        // Wrong JSON types for fields the bot reads: the schema refuses them (400).
        foreach (var (field, value) in new (string, JsonNode)[]
        {
            ("type", 5),
            ("type", new JsonObject()),
            ("id", new JsonArray()),
            ("from", "29:someone"),
            ("from", new JsonArray(1, 2)),
            ("conversation", "a:chat"),
            ("recipient", new JsonArray()),
            ("text", new JsonObject { ["a"] = 1 }),
            ("serviceUrl", 42),
            ("entities", new JsonObject()),
            ("membersAdded", new JsonObject { ["id"] = "28:bot" }),
            ("attachments", "card"),
            ("timestamp", "yesterday"),
            ("name", 7),
        })
        {
            yield return new CorpusCase($"{field} as {value.GetValueKind()}", a => Mutate(a.Message("help"), m => m[field] = value.DeepClone()), HttpStatusCode.BadRequest);
        }

        yield return new CorpusCase("conversation.id as number", a => Mutate(a.Message("help"), m => m["conversation"]!["id"] = 5), HttpStatusCode.BadRequest);
        yield return new CorpusCase("from.aadObjectId as object", a => Mutate(a.Message("help"), m => m["from"]!["aadObjectId"] = new JsonObject()), HttpStatusCode.BadRequest);
        yield return new CorpusCase("membersAdded holding numbers", a => Mutate(a.Message("help"), m => { m["type"] = "conversationUpdate"; m["membersAdded"] = new JsonArray(1, 2); }), HttpStatusCode.BadRequest);

        // Types the schema keeps as raw JSON, read by the bot itself.
        yield return new CorpusCase("channelData as array", a => Mutate(a.Message("help"), m => m["channelData"] = new JsonArray(1)));
        yield return new CorpusCase("channelData.tenant as string", a => Mutate(a.Message("help"), m => m["channelData"] = new JsonObject { ["tenant"] = Tenant }), HttpStatusCode.Forbidden);
        yield return new CorpusCase("mention entity with numbers for id and text", a => Mutate(a.Message("<at>Bot</at> help"), m =>
            m["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = 5, ["mentioned"] = new JsonObject { ["id"] = 6 } })));
        yield return new CorpusCase("mention entity with mentioned as string", a => Mutate(a.Message("help"), m =>
            m["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = "28:bot" })));
        yield return new CorpusCase("message value as array", a => Mutate(a.Message(null), m => m["value"] = new JsonArray("verb", "requests.mine")));
        yield return new CorpusCase("message value as string", a => Mutate(a.Message(null), m => m["value"] = "requests.mine"));
        yield return new CorpusCase("submit verb as number", a => a.Submit(new JsonObject { ["verb"] = 12 }));
        yield return new CorpusCase("submit verb as object", a => a.Submit(new JsonObject { ["verb"] = new JsonObject { ["x"] = "requests.mine" } }));
        yield return new CorpusCase("get support carrying an array as the incident form", a => a.Submit(new JsonObject { ["verb"] = IncidentVerbs.SupportStart, ["what"] = new JsonArray(1, 2) }));
        yield return new CorpusCase("invoke value as array", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["value"] = new JsonArray()));
        yield return new CorpusCase("invoke action as string", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["value"] = new JsonObject { ["action"] = "requests.mine" }));
        yield return new CorpusCase("invoke verb as number", a => Mutate(a.Invoke("x", new JsonObject()), m => m["value"]!["action"]!["verb"] = 3));
        yield return new CorpusCase("invoke data as array", a => Mutate(a.Invoke(IncidentVerbs.Refresh, new JsonObject()), m => m["value"]!["action"]!["data"] = new JsonArray("INC-2026-0001")));
        yield return new CorpusCase("invoke data as string", a => Mutate(a.Invoke(IncidentVerbs.Refresh, new JsonObject()), m => m["value"]!["action"]!["data"] = "INC-2026-0001"));
        yield return new CorpusCase("reference as number", a => a.Invoke(IncidentVerbs.Refresh, new JsonObject { ["reference"] = 20260001 }));
        yield return new CorpusCase("reference as object", a => a.Invoke("accountRequest.approve", new JsonObject { ["reference"] = new JsonObject { ["id"] = "SMA-2026-0001" } }));
        yield return new CorpusCase("reference as array", a => a.Invoke("support.refresh", new JsonObject { ["reference"] = new JsonArray("HSR-2026-0001") }));
        yield return new CorpusCase("submission id as number", a => a.Invoke(IncidentVerbs.Submit, ValidIncident(id => id.ToString()).Also(d => d["submissionId"] = 123)));
        yield return new CorpusCase("draft id as object", a => a.Invoke("support.message", new JsonObject { ["reference"] = "HSR-2026-0001", ["draftId"] = new JsonObject(), ["message"] = "hi" }));
        yield return new CorpusCase("support confirmation with the form as array", a => a.Invoke("support.confirm", new JsonObject { ["submissionId"] = Guid.NewGuid().ToString(), ["form"] = new JsonArray() }));
        yield return new CorpusCase("support confirmation with a form submission id as number", a => a.Invoke("support.confirm", new JsonObject { ["submissionId"] = Guid.NewGuid().ToString(), ["form"] = new JsonObject { ["submissionId"] = 5 } }));
        yield return new CorpusCase("account request form fields as numbers and arrays", a => a.Invoke("accountRequest.submit", new JsonObject { ["platform"] = 5, ["handle"] = new JsonArray(), ["confirmPolicy"] = new JsonObject() }));

        // Missing fields.
        yield return new CorpusCase("message without from", a => Mutate(a.Message("help"), m => m.Remove("from")));
        yield return new CorpusCase("click without from.aadObjectId", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["from"]!.AsObject().Remove("aadObjectId")));
        yield return new CorpusCase("message without conversation", a => Mutate(a.Message("help"), m => m.Remove("conversation")), HttpStatusCode.BadRequest);
        yield return new CorpusCase("message with an empty conversation id", a => Mutate(a.Message("help"), m => m["conversation"]!["id"] = ""), HttpStatusCode.BadRequest);
        yield return new CorpusCase("message without recipient", a => Mutate(a.Message("help"), m => m.Remove("recipient")));
        yield return new CorpusCase("message without id", a => Mutate(a.Message("help"), m => m.Remove("id")));
        yield return new CorpusCase("message without serviceUrl", a => Mutate(a.Message("help"), m => m.Remove("serviceUrl")), HttpStatusCode.Unauthorized);
        yield return new CorpusCase("invoke without name", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m.Remove("name")));
        yield return new CorpusCase("card action without value", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m.Remove("value")));
        yield return new CorpusCase("card action without action", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["value"] = new JsonObject()));
        yield return new CorpusCase("card action without verb", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["value"]!["action"]!.AsObject().Remove("verb")));
        yield return new CorpusCase("decision without reference", a => a.Invoke("accountRequest.approve", new JsonObject()));
        yield return new CorpusCase("incident question without reference", a => a.Invoke(IncidentVerbs.Ask, new JsonObject { ["question"] = "why?" }));
        yield return new CorpusCase("support message without reference", a => a.Invoke("support.message", new JsonObject { ["message"] = "hello" }));
        yield return new CorpusCase("incident form with nothing filled in", a => a.Invoke(IncidentVerbs.Submit, new JsonObject { ["submissionId"] = Guid.NewGuid().ToString() }));
        yield return new CorpusCase("welcome install without membersAdded", a => Mutate(a.Message(null), m => m["type"] = "conversationUpdate"));

        // 100,000-character strings.
        yield return new CorpusCase("100k message text", a => a.Message(new string('h', 100_000)));
        yield return new CorpusCase("100k verb", a => a.Invoke(new string('v', 100_000), new JsonObject()));
        yield return new CorpusCase("100k reference", a => a.Invoke(IncidentVerbs.Refresh, new JsonObject { ["reference"] = "INC-2026-" + new string('1', 100_000) }));
        yield return new CorpusCase("100k submission id", a => a.Invoke(IncidentVerbs.Submit, ValidIncident(_ => new string('s', 100_000))));
        yield return new CorpusCase("100k draft id", a => a.Invoke("support.message", new JsonObject { ["reference"] = "HSR-2026-0001", ["draftId"] = new string('d', 100_000), ["message"] = "hi" }));
        yield return new CorpusCase("100k sender name", a => Mutate(a.Message("help"), m => m["from"]!["name"] = new string('n', 100_000)));
        yield return new CorpusCase("100k conversation id", a => Mutate(a.Message("help"), m => m["conversation"]!["id"] = "a:" + new string('c', 100_000)));
        yield return new CorpusCase("100k sender id", a => Mutate(a.Message("help"), m => m["from"]!["id"] = "29:" + new string('u', 100_000)));
        yield return new CorpusCase("100k activity id", a => Mutate(a.Message("help"), m => m["id"] = new string('i', 100_000)));
        yield return new CorpusCase("100k invoke name", a => Mutate(a.Invoke("requests.mine", new JsonObject()), m => m["name"] = new string('n', 100_000)));
        yield return new CorpusCase("100k incident description", a => a.Invoke(IncidentVerbs.Submit, ValidIncident(_ => Guid.NewGuid().ToString()).Also(d => d["what"] = new string('w', 100_000))));
        yield return new CorpusCase("100k incident question", a => a.Invoke(IncidentVerbs.Ask, new JsonObject { ["reference"] = "INC-2026-0001", ["question"] = new string('q', 100_000) }));
        yield return new CorpusCase("card data of many 100k fields", a => a.Invoke(IncidentVerbs.Submit, new JsonObject { ["a"] = new string('a', 100_000), ["b"] = new string('b', 100_000), ["c"] = new string('c', 100_000) }));

        // Characters Table Storage refuses in keys.
        foreach (var (label, reference) in new[]
        {
            ("slash", "SMA-2026-0001/../x"),
            ("hash", "INC-2026-0001#x"),
            ("question mark", "HSR-2026-0001?x=1"),
            ("backslash", "SMA-2026-0001\\x"),
            ("control character", "INC-2026-0001\u0000"),
            ("percent and quote", "INC-2026-0001%27"),
        })
        {
            yield return new CorpusCase($"reference with {label}", a => a.Invoke(IncidentVerbs.Refresh, new JsonObject { ["reference"] = reference }));
        }

        yield return new CorpusCase("decision on a reference with a slash", a => a.Invoke("accountRequest.reject", new JsonObject { ["reference"] = "SMA-2026-0001/x", ["reason"] = "x" }));
        yield return new CorpusCase("submission id with a slash", a => a.Invoke(IncidentVerbs.Submit, ValidIncident(_ => "4d3c2b1a/0f9e")));
        yield return new CorpusCase("draft id with a question mark", a => a.Invoke("support.message", new JsonObject { ["reference"] = "HSR-2026-0001", ["draftId"] = "a?b", ["message"] = "hi" }));
        yield return new CorpusCase("conversation id with a slash", a => Mutate(a.Message("help"), m => m["conversation"]!["id"] = "a:1/2"));
        yield return new CorpusCase("conversation id with a control character", a => Mutate(a.Message("help"), m => m["conversation"]!["id"] = "a:1\u0001"));
        yield return new CorpusCase("sender id with a hash", a => Mutate(a.Message("help"), m => m["from"]!["id"] = "29:a#b"));
        yield return new CorpusCase("sender object id that is a path", a => Mutate(a.Message("help"), m => m["from"]!["aadObjectId"] = "../../etc/passwd"));

        // Unknown verbs, invoke names and activity types.
        yield return new CorpusCase("unknown verb", a => a.Invoke("nothing.here", new JsonObject()));
        yield return new CorpusCase("verb with markup", a => a.Invoke("<script>alert(1)</script>", new JsonObject()));
        yield return new CorpusCase("unknown submitted verb", a => a.Submit(new JsonObject { ["verb"] = "bogus.verb" }));
        yield return new CorpusCase("message extension query", a => Mutate(a.Invoke("x", new JsonObject()), m => { m["name"] = "composeExtension/query"; m["value"] = new JsonObject { ["commandId"] = "search" }; }));
        yield return new CorpusCase("task fetch", a => Mutate(a.Invoke("x", new JsonObject()), m => m["name"] = "task/fetch"));
        yield return new CorpusCase("sign-in verify state", a => Mutate(a.Invoke("x", new JsonObject()), m => { m["name"] = "signin/verifyState"; m["value"] = 5; }));
        yield return new CorpusCase("unknown activity type", a => Mutate(a.Message("help"), m => m["type"] = "somethingNew"));
        yield return new CorpusCase("well-formed reference to nothing", a => a.Invoke(IncidentVerbs.Refresh, new JsonObject { ["reference"] = "INC-2099-9999" }));
        yield return new CorpusCase("withdraw a request that does not exist", a => a.Invoke("accountRequest.withdraw", new JsonObject { ["reference"] = "SMA-2099-9999" }));

        // Other tenants, with a valid token: refused before any handler, nothing stored.
        yield return new CorpusCase("other tenant saying help", a => a.Message("help", OtherTenant), HttpStatusCode.Forbidden);
        yield return new CorpusCase("other tenant submitting a valid incident", a => a.Invoke(IncidentVerbs.Submit, ValidIncident(_ => Guid.NewGuid().ToString()), OtherTenant), HttpStatusCode.Forbidden);
        yield return new CorpusCase("other tenant installing the bot", a => Mutate(a.Message(null, OtherTenant), m => { m["type"] = "conversationUpdate"; m["membersAdded"] = new JsonArray(new JsonObject { ["id"] = App.BotId }); }), HttpStatusCode.Forbidden);
        yield return new CorpusCase("no tenant anywhere", a => Mutate(a.Message("help"), m => { m.Remove("channelData"); m["conversation"]!.AsObject().Remove("tenantId"); }), HttpStatusCode.Forbidden);
        yield return new CorpusCase("channel data names another tenant", a => Mutate(a.Message("help"), m => m["channelData"]!["tenant"]!["id"] = OtherTenant), HttpStatusCode.Forbidden);
        yield return new CorpusCase("tenant that is not a GUID", a => a.Message("help", "contoso.onmicrosoft.com"), HttpStatusCode.Forbidden);

        // Tokens the connector did not issue for this bot.
        yield return new CorpusCase("no token", a => a.Message("help"), HttpStatusCode.Unauthorized, _ => null);
        yield return new CorpusCase("token for another bot", a => a.Message("help"), HttpStatusCode.Unauthorized, a => a.Issuer.CreateToken(audience: "another-bot", serviceUrl: a.ServiceUrl));
        yield return new CorpusCase("token for another service URL", a => a.Message("help"), HttpStatusCode.Unauthorized, a => a.Issuer.CreateToken(serviceUrl: "https://attacker.example/"));
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    /// <summary>A complete, valid incident form: only what the case changes makes it malformed.</summary>
    private static JsonObject ValidIncident(Func<Guid, string> submissionId)
    {
        var data = JsonSerializer.SerializeToNode(IncidentSamples.ValidInputs())!.AsObject();
        data["noticedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        data["submissionId"] = submissionId(Guid.NewGuid());
        return data;
    }

    /// <summary>
    /// The app with inbound authentication on (a fake connector issuer signs the tokens), its own
    /// Azurite, and a fake connector; one well-formed conversation is seeded, and <see cref="Seeded"/>
    /// is every row in every table after it.
    /// </summary>
#pragma warning disable CA1001 // xunit disposes collection fixtures through IAsyncLifetime.DisposeAsync
    public sealed class App : IAsyncLifetime
#pragma warning restore CA1001
    {
        public const string BotId = "28:" + FakeBotConnectorIssuer.AppId;
        private readonly AzuriteFixture azurite = new();
        private LoopbackHttpServer connector = null!;
        private BotApplicationFactory factory = null!;
        private WebApplicationFactory<Program> host = null!;
        private TableStorage storage = null!;

        public FakeLogCollector Logs { get; } = new();

        public FakeBotConnectorIssuer Issuer { get; private set; } = null!;

        public string ServiceUrl => connector.BaseAddress.ToString();

        public IReadOnlyList<string> Seeded { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await azurite.InitializeAsync();
            Issuer = await FakeBotConnectorIssuer.StartAsync();
            connector = await LoopbackHttpServer.StartAsync(endpoints => endpoints.Map("/{**path}", () => Results.Json(new { id = "sent" })));
            factory = new BotApplicationFactory(azurite);
            factory.Settings["MicrosoftAppId"] = FakeBotConnectorIssuer.AppId;
            factory.Settings["MicrosoftAppPassword"] = "not-used";
            factory.Settings["MicrosoftAppTenantId"] = Tenant;
            factory.Settings["BotOpenIdMetadata"] = Issuer.MetadataUrl;
            host = factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider>(new StaticTokenProvider()));
                services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
            }));
            storage = new TableStorage(new TableServiceClient(azurite.ConnectionString), factory.Settings["TableStorage:TablePrefix"]!);

            Assert.Equal(HttpStatusCode.OK, await PostAsync(Message("help"), Token()));
            Seeded = await RowsAsync();
            Assert.NotEmpty(Seeded);
        }

        public async Task DisposeAsync()
        {
            await host.DisposeAsync();
            await factory.DisposeAsync();
            await connector.DisposeAsync();
            await Issuer.DisposeAsync();
            await azurite.DisposeAsync();
        }

        public string Token() => Issuer.CreateToken(serviceUrl: ServiceUrl);

        public async Task<HttpStatusCode> PostAsync(string body, string? token)
        {
            using var client = host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        /// <summary>Every row of every table, as "table/partition/row".</summary>
        public async Task<IReadOnlyList<string>> RowsAsync()
        {
            var rows = new List<string>();
            foreach (var table in TableNames.All)
            {
                await foreach (var row in storage.GetTable(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    rows.Add($"{table}/{row.PartitionKey}/{row.RowKey}");
                }
            }

            rows.Sort(StringComparer.Ordinal);
            return rows;
        }

        public string Message(string? text, string tenant = Tenant) => Activity("message", tenant, m => m["text"] = text);

        public string Submit(JsonObject value) => Activity("message", Tenant, m => m["value"] = value);

        public string Invoke(string verb, JsonObject data, string tenant = Tenant) => Activity("invoke", tenant, m =>
        {
            m["name"] = "adaptiveCard/action";
            m["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        });

        private string Activity(string type, string tenant, Action<JsonObject> change)
        {
            var activity = new JsonObject
            {
                ["type"] = type,
                ["id"] = Guid.NewGuid().ToString(),
                ["channelId"] = "msteams",
                ["serviceUrl"] = ServiceUrl,
                ["from"] = new JsonObject { ["id"] = "29:1corpus-user", ["name"] = "Corpus User", ["aadObjectId"] = UserAadId },
                ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Social Media Desk" },
                ["conversation"] = new JsonObject { ["id"] = "a:1corpus-chat", ["conversationType"] = "personal", ["tenantId"] = tenant },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
            };
            change(activity);
            return activity.ToJsonString();
        }
    }

    private sealed class StaticTokenProvider : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("test-token");
    }
}

[CollectionDefinition(BadInputCorpusTests.Collection)]
public sealed class BadInputCorpusDefinition : ICollectionFixture<BadInputCorpusTests.App>;

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
