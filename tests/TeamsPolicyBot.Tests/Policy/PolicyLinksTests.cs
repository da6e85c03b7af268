using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Policy;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Policy;

/// <summary>Clause numbers on cards link to the clause in the policy: Policy:Url, else the bot's own /policy page, else plain text.</summary>
[Collection(AzuriteTests.Name)]
public sealed partial class PolicyLinksTests(AzuriteFixture azurite)
{
    /// <summary>The base the sample data files use for their links.</summary>
    private const string SampleBase = "https://socialmediadesk.example.ac.uk";

    private static PolicyLinks Links(string? url = null, string? publicBaseUrl = null) =>
        new(Options.Create(new PolicyOptions { Url = url }), Options.Create(new BotSiteOptions { PublicBaseUrl = publicBaseUrl }));

    private static ServiceProvider Settings(Dictionary<string, string?> settings)
    {
        settings["Comms:TeamId"] = "19:comms-team@thread.tacv2";
        settings["Comms:ChannelId"] = "19:comms-approvals@thread.tacv2";
        settings["Comms:ApproverIds:0"] = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
    }

    /// <summary>Every clause any template names through <c>${policy.c4_18}</c>, read from the files themselves.</summary>
    private static List<string> ClausesInTemplates(string? name = null) =>
        (name is null ? CardSamples.All() : [name])
            .SelectMany(template => Binding().Matches(File.ReadAllText(CardSamples.TemplateFile(template))))
            .Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}")
            .Distinct()
            .ToList();

    [Theory]
    [InlineData("Policy:Url", "http://intranet.lshtm.ac.uk/policy")]
    [InlineData("Policy:Url", "/policy")]
    [InlineData("Policy:Url", "https://intranet.lshtm.ac.uk/policy#top")]
    [InlineData("Bot:PublicBaseUrl", "smd-bot.azurewebsites.net")]
    public void An_address_that_is_not_absolute_https_stops_the_start_naming_the_setting(string setting, string value)
    {
        using var services = Settings(new() { [setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => setting.StartsWith("Policy", StringComparison.Ordinal)
            ? (object)services.GetRequiredService<IOptions<PolicyOptions>>().Value
            : services.GetRequiredService<IOptions<BotSiteOptions>>().Value);
        Assert.Contains($"{setting} must be an absolute https address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_settings_are_optional()
    {
        using var services = Settings([]);

        Assert.Null(services.GetRequiredService<IOptions<PolicyOptions>>().Value.Url);
        Assert.Null(services.GetRequiredService<IOptions<BotSiteOptions>>().Value.PublicBaseUrl);
    }

    [Fact]
    public void A_clause_links_to_Policy_Url_first_then_to_the_bots_own_page_else_it_is_plain_text()
    {
        Assert.Equal("[4.18](https://intranet.lshtm.ac.uk/policies/social-media#clause-4-18)", Links("https://intranet.lshtm.ac.uk/policies/social-media", "https://smd.example.ac.uk").Clause("4.18"));
        Assert.Equal("[4.18](https://smd.example.ac.uk/policy#clause-4-18)", Links(publicBaseUrl: "https://smd.example.ac.uk").Clause("4.18"));
        Assert.Equal("[6.3](https://smd.example.ac.uk/bot/policy#clause-6-3)", Links(publicBaseUrl: "https://smd.example.ac.uk/bot/").Clause("6.3"));
        Assert.Equal("4.18", Links().Clause("4.18"));
    }

    [Fact]
    public void Expanded_cards_link_their_clauses_or_show_the_numbers_plain()
    {
        var templates = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);
        var data = new { reference = "INC-2026-0008", platform = "Instagram" };

        var linked = templates.WithPolicyLinks(Links(publicBaseUrl: "https://smd.example.ac.uk").Clause).Render("incidents/compromised-checklist", data).GetRawText();
        var plain = templates.Render("incidents/compromised-checklist", data).GetRawText();

        Assert.Contains("Policy [4.18](https://smd.example.ac.uk/policy#clause-4-18) asks", linked, StringComparison.Ordinal);
        Assert.Contains("Policy 4.18 asks", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("${", linked + plain, StringComparison.Ordinal);
        Assert.Equal(ClausesInTemplates().Order(StringComparer.Ordinal), templates.PolicyClauses.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CardSamples.TemplateNames), MemberType = typeof(CardSamples))]
    public void Each_sample_carries_the_links_the_engine_supplies_for_its_template(string name)
    {
        var sample = JsonNode.Parse(File.ReadAllText(CardSamples.SampleFile(name)))!.AsObject();
        var clauses = ClausesInTemplates(name);
        var links = Links(publicBaseUrl: SampleBase);

        var expected = new JsonObject(clauses.Select(number => KeyValuePair.Create(CardTemplates.ClauseKey(number), (JsonNode?)links.Clause(number))));
        if (clauses.Count == 0)
        {
            Assert.False(sample.ContainsKey("policy"), $"{name}.data.json has links its template does not use.");
        }
        else
        {
            JsonAssert.Equal(expected, sample["policy"]);
        }
    }

    [Fact]
    public async Task The_bot_serves_the_policy_with_an_anchor_for_every_clause_a_card_names_and_every_section()
    {
        await using var app = new BotApplicationFactory(azurite);
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/policy", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"GET /policy: {response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"en-GB\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Social media policy for employees</h1>", html, StringComparison.Ordinal);
        var clauses = ClausesInTemplates();
        Assert.Contains("4.18", clauses);
        Assert.All(clauses, number => Assert.Contains($"id=\"{PolicyDocument.ClauseAnchor(number)}\"", html, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 6), section => Assert.Contains($"<h2 id=\"section-{section}\">", html, StringComparison.Ordinal));

        // Every clause of the text has its anchor, once; the policy's own words are there, escaped.
        var inText = Regex.Matches(File.ReadAllText(PolicyDocument.DefaultFile), @"^- (\d\.\d{1,2})\.", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(51, inText.Count);
        Assert.All(inText, number => Assert.Single(Regex.Matches(html, $"id=\"{PolicyDocument.ClauseAnchor(number)}\"")));
        Assert.Contains("passwords are of adequate strength and are kept securely", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul style", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{policy\.c(\d{1,2})_(\d{1,2})\}")]
    private static partial Regex Binding();
}
