using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>
/// Policy 4.18 through the whole bot against Azurite: a report whose link is a registered official account names it on
/// the Comms triage card and its administrators (Ada and Alan, who each have a chat with the bot) get the checklist; a
/// confidential (harassment) report about the same account tells them nothing and the card does not name it.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class IncidentOfficialAccountTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AdaChat = "a:ada-chat";
    private const string AlanChat = "a:alan-chat";
    private const string AccountLine = "Official account: Instagram @lshtm\\\\_malaria (Malaria Centre), administrators: Ada Lovelace and Alan Turing";

    private WorkflowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await WorkflowHarness.StartAsync(azurite);
        var accounts = harness.App.Services.GetRequiredService<IOfficialAccounts>();
        var request = AccountRequest.Submit("SMA-2026-0001", Ada, Details(), SubmittedAt).Approve(Approver, SubmittedAt.AddHours(1)).Next!;
        await accounts.AddFromApprovedRequestAsync(request);
        await accounts.ApplyAsync("SMA-2026-0001", a => AccountTransition.To(a with
        {
            Administrators = [a.Administrators[0], new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk", "Alan Turing")],
        }));

        await SayHiAsync("29:ada", RequesterId, "Ada Lovelace", AdaChat);
        await SayHiAsync("29:alan", SecondAdminId, "Alan Turing", AlanChat);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task SayHiAsync(string teamsId, string aadId, string name, string chat)
    {
        await harness.SendAsync(harness.Message("hi", null, teamsId, aadId, name, chat));
        await harness.WaitForCallsAsync("POST", ChatPath(chat), 1);
    }

    private static string ChatPath(string chat) => $"/v3/conversations/{Uri.EscapeDataString(chat)}/activities";

    private async Task<string> ReportAsync(string kind, string link)
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["kind"] = kind;
        inputs["supportOffered"] = "true";
        inputs["platform"] = "instagram";
        inputs["links"] = link;
        inputs["submissionId"] = Guid.NewGuid().ToString();
        var answer = await harness.PostAsync(harness.Invoke(IncidentVerbs.Submit, inputs, "29:reporter", BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
        var reference = Regex.Match(WorkflowHarness.CardText(answer), @"INC-\d{4}-\d{4}").Value;
        Assert.NotEmpty(reference);
        var incidents = harness.App.Services.GetRequiredService<IIncidents>();
        await WorkflowHarness.WaitUntilAsync(async () => (await incidents.GetAsync(reference))?.Record.TriageCard is not null);
        return reference;
    }

    private string ChannelPost(string reference) => Assert.Single(
        harness.Calls("POST", "/v3/conversations"),
        call => call.Body.Contains(WorkflowHarness.CommsChannel, StringComparison.Ordinal) && call.Body.Contains(reference, StringComparison.Ordinal)).Body;

    [Fact]
    public async Task A_report_about_a_registered_account_names_it_for_Comms_and_tells_its_administrators_what_to_do()
    {
        var reference = await ReportAsync("compromised", "https://www.instagram.com/LSHTM_Malaria/p/C4xYz/?igsh=abc");

        Assert.Contains(AccountLine, ChannelPost(reference), StringComparison.Ordinal);
        foreach (var chat in new[] { AdaChat, AlanChat })
        {
            var notice = (await harness.WaitForCallsAsync("POST", ChatPath(chat), 2))[^1].Body;
            Assert.Contains($"Comms has a report about Instagram @lshtm\\\\_malaria", notice, StringComparison.Ordinal);
            Assert.Contains(reference, notice, StringComparison.Ordinal);
            Assert.Contains("Log all sessions out", notice, StringComparison.Ordinal);
            Assert.Contains("Take the post down", notice, StringComparison.Ordinal);
            Assert.Contains("Policy 4.18 asks you", notice, StringComparison.Ordinal);

            // What the reporter wrote, and who they are, stay with Comms.
            Assert.DoesNotContain("Priya", notice, StringComparison.Ordinal);
        }

        // Comms' own view of the card (its refresh) names the account too.
        var refreshed = await harness.PostAsync(harness.Invoke(IncidentVerbs.Refresh, new Dictionary<string, string?> { ["reference"] = reference }, "29:approver", BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: true));
        Assert.Contains(AccountLine, WorkflowHarness.CardText(refreshed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confidential_report_about_the_same_account_tells_its_administrators_nothing()
    {
        var reference = await ReportAsync("harassment", "https://www.instagram.com/lshtm_malaria/");

        Assert.DoesNotContain("Official account", ChannelPost(reference), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(harness.Calls("POST", ChatPath(AdaChat)));
        Assert.Single(harness.Calls("POST", ChatPath(AlanChat)));
        var incidents = harness.App.Services.GetRequiredService<IIncidents>();
        Assert.Null((await incidents.GetAsync(reference))!.Record.OfficialAccount);
    }

    [Fact]
    public async Task A_report_about_an_account_not_in_the_register_names_none()
    {
        var reference = await ReportAsync("misinformation", "https://www.instagram.com/someone_else/");

        Assert.DoesNotContain("Official account", ChannelPost(reference), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(harness.Calls("POST", ChatPath(AdaChat)));
    }

    [Theory]
    [InlineData("https://www.instagram.com/lshtm_malaria/p/C4xYz/", "Instagram", "lshtm_malaria")]
    [InlineData("https://x.com/LSHTM/status/1897000000000000000", "X", "LSHTM")]
    [InlineData("https://twitter.com/lshtm", "X", "lshtm")]
    [InlineData("https://www.linkedin.com/company/lshtm/posts/", "LinkedIn", "lshtm")]
    [InlineData("https://bsky.app/profile/lshtm.bsky.social/post/3k", "Bluesky", "lshtm.bsky.social")]
    [InlineData("https://www.tiktok.com/@lshtm/video/7", "TikTok", "@lshtm")]
    [InlineData("https://www.youtube.com/@lshtm", "YouTube", "@lshtm")]
    [InlineData("https://m.facebook.com/lshtm.official", "Facebook", "lshtm.official")]
    public void A_link_names_its_platform_and_handle(string link, string platform, string handle) =>
        Assert.Equal((Enum.Parse<SocialPlatform>(platform), handle), IncidentAccountMatch.HandleOf(new Uri(link)));

    [Theory]
    [InlineData("https://www.instagram.com/p/C4xYz/")]
    [InlineData("https://x.com/i/web/status/1")]
    [InlineData("https://www.youtube.com/watch?v=abc")]
    [InlineData("https://www.linkedin.com/feed/update/urn:li:activity:1/")]
    [InlineData("https://example.org/lshtm")]
    [InlineData("https://www.instagram.com/")]
    public void A_link_that_names_no_account_gives_none(string link) =>
        Assert.Null(IncidentAccountMatch.HandleOf(new Uri(link)));
}
