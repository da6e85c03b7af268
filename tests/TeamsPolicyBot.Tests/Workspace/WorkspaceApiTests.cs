using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workspace;

using static TeamsPolicyBot.Tests.Workspace.WorkspaceSeed;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>The workspace's API behind Teams SSO: tokens checked against the tenant's (fake) Entra, data only for the people the policy names.</summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkspaceApiTests(WorkspaceApp workspace) : IClassFixture<WorkspaceApp>
{

    private const string Approver = BotApplicationFactory.ApproverAadId;
    private const string Stranger = "3f0b9c2e-9999-4a6b-9c1d-000000000009";

    private FakeEntraIssuer Issuer => workspace.Entra;

    private WebApplicationFactory<Program> App => workspace.App;

    private HttpClient Client(string? token)
    {
        var client = App.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private async Task<JsonElement> QueueAsync(string oid)
    {
        using var client = Client(Issuer.Token(oid));
        var response = await client.GetAsync(new Uri("/workspace/api/queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_workspace_sign_in_is_no_default_scheme_so_bot_turns_never_run_it()
    {
        // ASP.NET Core would make the lone scheme the default and check every request's bearer token with it,
        // the Bot Framework's tokens on /api/messages included.
        var schemes = App.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.NotNull(await schemes.GetSchemeAsync(WorkspaceSignIn.Scheme));
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.Null(await schemes.GetDefaultChallengeSchemeAsync());
    }

    [Fact]
    public void Data_protection_brought_by_the_sign_in_loads_no_key_ring_at_start()
    {
        var started = App.Services.GetServices<IHostedService>().Select(service => service.GetType().FullName).ToList();

        Assert.NotEmpty(started);
        Assert.DoesNotContain(WorkspaceServiceCollectionExtensions.DataProtectionKeyRingLoader, started);
    }

    [Fact]
    public async Task An_approver_with_a_Teams_token_sees_the_waiting_work_past_and_near_its_targets_first_and_support_only_as_a_count()
    {
        var queue = await QueueAsync(Approver);

        var items = queue.GetProperty("items").EnumerateArray().Select(item => (
            Reference: item.GetProperty("reference").GetString(),
            Kind: item.GetProperty("kind").GetString(),
            State: item.GetProperty("state").GetString(),
            Text: item.GetProperty("stateText").GetString(),
            Waiting: item.GetProperty("age").GetString(),
            Link: item.GetProperty("link").GetString())).ToList();
        Assert.Equal(["INC-2026-0007", "SMA-2025-0009", "SMA-2026-0001", "SMA-2026-0002", OrphanedAccount], items.Select(item => item.Reference));
        Assert.Equal(["Past", "Past", "Near", "OnTrack", "OnTrack"], items.Select(item => item.State));
        Assert.Equal("Past its target by 7 days", items[0].Text);
        Assert.Equal("Near its target: 21 hours left", items[2].Text);
        Assert.Equal(("1 day", "On track: 9 days left"), (items[3].Waiting, items[3].Text)); // from its resubmission
        Assert.Equal(IncidentIndex.Kind, items[0].Kind);
        Assert.Equal("Audit due", items[1].Kind);

        // One of its two administrators left 3 days ago; Targets:ReplaceAdministratorWithin gives it 14.
        Assert.Equal(("Needs an administrator", "On track: 11 days left"), (items[4].Kind, items[4].Text));

        // No card location stored yet: the link goes to the Comms channel.
        Assert.StartsWith("https://teams.microsoft.com/l/channel/19%3Acomms-approvals%40thread.tacv2/", items[2].Link, StringComparison.Ordinal);
        Assert.Contains("tenantId=" + FakeEntraIssuer.TenantId, items[2].Link, StringComparison.Ordinal);

        var count = Assert.Single(queue.GetProperty("counts").EnumerateArray());
        Assert.Equal("fewer than 5", count.GetProperty("count").GetString());
        Assert.DoesNotContain("HSR-2026-0003", queue.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(SupportSamples.Person.Name, queue.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_handler_who_is_not_an_approver_sees_the_support_count_and_no_request_incident_or_audit()
    {
        var queue = await QueueAsync(CaseHandler);

        Assert.Empty(queue.GetProperty("items").EnumerateArray());
        Assert.Equal("fewer than 5", Assert.Single(queue.GetProperty("counts").EnumerateArray()).GetProperty("count").GetString());
        Assert.DoesNotContain("HSR-2026-0003", queue.GetRawText(), StringComparison.Ordinal);

        using var client = Client(Issuer.Token(CaseHandler));
        var register = await client.GetAsync(new Uri("/workspace/api/register", UriKind.Relative));
        var csv = await client.GetAsync(new Uri("/workspace/api/register.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Contains(WorkspaceViewer.RegisterRefusal, await register.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> TrendsAsync(string oid)
    {
        using var client = Client(Issuer.Token(oid));
        var response = await client.GetAsync(new Uri("/workspace/api/trends", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetInt32())];

    private static Dictionary<string, int> Counts(JsonElement array) =>
        array.EnumerateArray().ToDictionary(item => item.GetProperty("label").GetString()!, item => item.GetProperty("count").GetInt32());

    [Fact]
    public async Task An_approver_sees_twelve_months_of_requests_and_incidents_by_month_outcome_platform_and_kind_with_median_waits()
    {
        var trends = await TrendsAsync(Approver);

        var months = trends.GetProperty("months").EnumerateArray().Select(month => month.GetString()).ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(("Apr 2025", "Mar 2026"), (months[0], months[11]));

        // SMA-2025-0009 (March 2025) is before the twelve months: counted nowhere.
        var requests = trends.GetProperty("requests");
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2], Ints(requests.GetProperty("byMonth")));
        Assert.Equal(
            new Dictionary<string, int> { ["Waiting for a decision"] = 2, ["Approved"] = 2, ["Rejected"] = 1, ["Sent back for changes"] = 0, ["Withdrawn"] = 1 },
            Counts(requests.GetProperty("outcomes")));

        // 2, 4 and 6 days; the withdrawn request was nobody's decision.
        Assert.Equal("4 days (median of 3 items)", requests.GetProperty("timeToDecision").GetProperty("text").GetString());
        Assert.Equal(96, requests.GetProperty("timeToDecision").GetProperty("hours").GetDouble());

        var incidents = trends.GetProperty("incidents");
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 1], Ints(incidents.GetProperty("byMonth")));
        Assert.Equal(new Dictionary<string, int> { ["Instagram"] = 2, ["Facebook"] = 1, ["Other"] = 1, ["X (Twitter)"] = 1 }, Counts(incidents.GetProperty("byPlatform")));
        Assert.Equal("Instagram", incidents.GetProperty("byPlatform")[0].GetProperty("label").GetString());
        Assert.Equal(
            new Dictionary<string, int> { ["Misinformation"] = 2, ["Harassment"] = 1, ["Other"] = 1, ["Reputational damage"] = 1 },
            Counts(incidents.GetProperty("byKind")));
        Assert.Equal(
            new Dictionary<string, int> { ["Not taken yet"] = 1, ["Taken, not closed"] = 3, ["Closed"] = 1, ["Escalated to senior management"] = 1 },
            Counts(incidents.GetProperty("outcomes")));

        // 1, 3, 5 and 7 hours: the mean of the middle two.
        Assert.Equal("4 hours (median of 4 items)", incidents.GetProperty("timeToTake").GetProperty("text").GetString());

        var support = trends.GetProperty("support");
        Assert.Equal(
            ["fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "6", "fewer than 5", "fewer than 5"],
            support.GetProperty("byMonth").EnumerateArray().Select(month => month.GetString()));
        Assert.Equal(6, support.GetProperty("byMonthShown")[9].GetInt32());
        Assert.Equal(JsonValueKind.Null, support.GetProperty("byMonthShown")[11].ValueKind);
        Assert.Equal(3.5, support.GetProperty("timeToTake").GetProperty("hours").GetDouble());

        // No free text and nothing that names a referral or the people in it.
        var raw = trends.GetRawText();
        Assert.DoesNotContain(SecretPlatform, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("HSR-", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportSamples.Person.Name, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportSamples.Handler.Name, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_handler_sees_the_support_counts_only_and_an_escalation_contact_no_trends()
    {
        var trends = await TrendsAsync(CaseHandler);

        Assert.Equal(JsonValueKind.Null, trends.GetProperty("requests").ValueKind);
        Assert.Equal(JsonValueKind.Null, trends.GetProperty("incidents").ValueKind);
        Assert.Equal("6", trends.GetProperty("support").GetProperty("byMonth")[9].GetString());
        Assert.Equal("fewer than 5", trends.GetProperty("support").GetProperty("byMonth")[11].GetString());
        Assert.DoesNotContain("INC-", trends.GetRawText(), StringComparison.Ordinal);

        using var client = Client(Issuer.Token(BotApplicationFactory.SeniorManagerAadId));
        var refused = await client.GetAsync(new Uri("/workspace/api/trends", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(WorkspaceViewer.TrendsRefusal, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_median_is_the_middle_wait_and_with_nothing_to_measure_it_says_so()
    {
        Assert.Equal("None taken in these months.", WorkspaceTrends.Median([], "taken").Text);
        Assert.Equal("3 hours (median of 3 items)", WorkspaceTrends.Median([TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(30)], "taken").Text);
    }

    [Fact]
    public async Task An_escalation_contact_sees_an_incident_only_once_it_was_escalated_to_them()
    {
        var queue = await QueueAsync(BotApplicationFactory.SeniorManagerAadId);

        Assert.Empty(queue.GetProperty("items").EnumerateArray());
        Assert.Empty(queue.GetProperty("counts").EnumerateArray());
    }

    [Fact]
    public async Task Someone_with_a_valid_token_who_is_on_none_of_the_lists_gets_the_polite_refusal_and_no_data()
    {
        using var client = Client(Issuer.Token(Stranger));

        foreach (var path in new[] { "/workspace/api/me", "/workspace/api/queue", "/workspace/api/trends", "/workspace/api/register", "/workspace/api/register.csv" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("This workspace is for the Communications & Engagement team", body, StringComparison.Ordinal);
            Assert.DoesNotContain("SMA-", body, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> BadTokens => ["wrong audience", "other tenant", "bad signature", "expired", "none"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_not_for_this_app_from_this_tenant_signed_by_Entra_and_current_is_refused_with_401(string problem)
    {
        using var otherKey = RSA.Create(2048);
        var token = problem switch
        {
            "wrong audience" => Issuer.Token(Approver, audience: "api://smd-bot.example.ac.uk/00000000-0000-0000-0000-000000000001"),
            "other tenant" => Issuer.Token(Approver, issuer: FakeEntraIssuer.V2Issuer("11111111-2222-3333-4444-555555555555")),
            "bad signature" => Issuer.Token(Approver, signWith: otherKey),
            "expired" => Issuer.Token(Approver, expires: DateTime.UtcNow.AddMinutes(-10)),
            _ => null,
        };
        using var client = Client(token);

        var response = await client.GetAsync(new Uri("/workspace/api/queue", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("SMA-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeEntraIssuer.AppId, "https://login.microsoftonline.com/" + FakeEntraIssuer.TenantId + "/v2.0")]
    [InlineData(FakeEntraIssuer.Resource, "https://sts.windows.net/" + FakeEntraIssuer.TenantId + "/")]
    public async Task Both_audiences_and_both_token_versions_of_the_tenant_are_accepted(string audience, string issuer)
    {
        using var client = Client(Issuer.Token(Approver, audience: audience, issuer: issuer, name: "Grace Hopper"));

        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("/workspace/api/me", UriKind.Relative));

        Assert.Equal("Grace Hopper", me.GetProperty("name").GetString());
        Assert.True(me.GetProperty("mayExportRegister").GetBoolean());
    }

    [Fact]
    public async Task The_register_pages_and_filters_through_the_register_search()
    {
        using var client = Client(Issuer.Token(Approver));

        var all = await client.GetFromJsonAsync<JsonElement>(new Uri("/workspace/api/register", UriKind.Relative));
        var byAdmin = await client.GetFromJsonAsync<JsonElement>(new Uri($"/workspace/api/register?administrator={AccountRequestSamples.RequesterId}&status=auditDue", UriKind.Relative));
        var none = await client.GetFromJsonAsync<JsonElement>(new Uri("/workspace/api/register?unit=Malaria%20Centre", UriKind.Relative));

        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(["Audit due", "Needs an administrator"], all.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("status").GetString()).Order());
        Assert.Contains(all.GetProperty("filters").GetProperty("administrators").EnumerateArray(), choice => choice.GetProperty("value").GetString() == AccountRequestSamples.RequesterId);
        Assert.Equal(1, byAdmin.GetProperty("total").GetInt32());
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_CSV_export_has_every_account_in_the_register_quoted_per_RFC_4180_with_formulas_neutralised()
    {
        using var client = Client(Issuer.Token(Approver));

        var response = await client.GetAsync(new Uri("/workspace/api/register.csv", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("Reference,Platform,Handle,Address,Unit type,Unit,Status,Administrators,Next audit due,Approved on,Approved by", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        // A handle starts with "@", which a spreadsheet reads as a formula too.
        var malaria = Assert.Single(lines, line => line.StartsWith("SMA-2025-0009,", StringComparison.Ordinal));
        Assert.StartsWith("SMA-2025-0009,Instagram,'@lshtm_malaria,", malaria, StringComparison.Ordinal);

        // The unit was typed as a formula: it arrives as text, quoted because of its commas and quotes.
        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Malaria, \"\"\"\"Centre\"\"\"\"\"\")\",Audit due,", malaria, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace <ada.lovelace@lshtm.ac.uk>", malaria, StringComparison.Ordinal);
        Assert.Contains($",{Now.AddDays(-2):yyyy-MM-dd},", malaria, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_sign_in_is_not_there_in_Production()
    {
        using var client = Client(null);

        var list = await client.GetAsync(new Uri("/workspace/api/local-sign-in", UriKind.Relative));
        var signIn = await client.PostAsJsonAsync(new Uri("/workspace/api/local-sign-in", UriKind.Relative), new { id = Approver });

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.False(App.Services.GetRequiredService<LocalSignIn>().IsAvailable);
        Assert.Throws<InvalidOperationException>(() => App.Services.GetRequiredService<LocalSignIn>().TokenFor(Approver, "Grace"));
    }

    [Fact]
    public async Task The_workspace_page_and_its_configuration_page_are_served_with_a_policy_that_lets_only_Teams_frame_them()
    {
        using var client = Client(null);

        foreach (var path in new[] { "/workspace", "/workspace/config", "/workspace/workspace.js", "/lib/teams-js/MicrosoftTeams.min.js", "/lib/chart-js/chart.umd.min.js" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {response.StatusCode}");
            Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }
}
