using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>
/// "accounts", "audits" and "my accounts" through the whole app (Azurite for the register, a fake connector for what
/// the bot says), and the approval card's warning when a request's handle is already registered.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class RegisterWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ApproverChat = "a:approver";
    private const string StaffChat = "a:staff";
    private WorkflowHarness harness = null!;

    public async Task InitializeAsync() => harness = await WorkflowHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IOfficialAccounts Register => harness.App.Services.GetRequiredService<IOfficialAccounts>();

    /// <summary>An account approved at <paramref name="approvedAt"/> (its audit is due a year later), Ada and Alan its administrators.</summary>
    private Task<OfficialAccount> RegisterAsync(int number, string overrides, DateTimeOffset approvedAt)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"SMA-2026-{number:D4}");
        var request = AccountRequest.Submit(reference, Ada, Details(overrides), approvedAt.AddHours(-1)).Approve(Approver, approvedAt).Next!;
        return Register.AddFromApprovedRequestAsync(request);
    }

    /// <summary>Twelve accounts approved this month: units "Unit 01" to "Unit 12", handles @unit_01 to @unit_12, on Instagram except 12 (LinkedIn).</summary>
    private async Task RegisterTwelveAsync()
    {
        for (var i = 1; i <= 12; i++)
        {
            var platform = i == 12 ? "linkedin" : "instagram";
            await RegisterAsync(i, string.Create(CultureInfo.InvariantCulture, $"platform={platform}|handle=@unit_{i:D2}|unitName=Unit {i:D2}"), DateTimeOffset.UtcNow.AddDays(-i));
        }
    }

    /// <summary>What the bot answers a personal-chat message (typed or a button's Action.Submit) with.</summary>
    private async Task<string> SayAsync(string? text, object? value, string aadId, string chat, string name = "Grace Hopper")
    {
        var path = $"/v3/conversations/{Uri.EscapeDataString(chat)}/activities";
        var before = harness.Calls("POST", path).Length;
        await harness.SendAsync(harness.Message(text, value, "29:" + chat, aadId, name, chat));
        return (await harness.WaitForCallsAsync("POST", path, before + 1))[before].Body;
    }

    private Task<string> ApproverSaysAsync(string? text, object? value = null) => SayAsync(text, value, BotApplicationFactory.ApproverAadId, ApproverChat);

    private static List<string> References(string body) => [.. ReferencePattern().Matches(body).Select(match => match.Value).Distinct()];

    [Fact]
    public async Task The_register_lists_a_page_of_accounts_with_More_and_the_next_page_lists_the_rest()
    {
        await RegisterTwelveAsync();

        var first = await ApproverSaysAsync("accounts");
        var firstPage = References(first);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"SMA-2026-{i:D4}"))], firstPage);
        Assert.Contains("Accounts 1 to 10 of 12", first, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"More\"", first, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace and alan.turing@lshtm.ac.uk", first, StringComparison.Ordinal);

        var second = await ApproverSaysAsync(null, new { verb = OfficialAccountVerbs.List, page = 1, registerStatus = "", registerPlatform = "", registerSearch = "" });

        Assert.Equal(["SMA-2026-0011", "SMA-2026-0012"], References(second));
        Assert.Contains("Accounts 11 to 12 of 12", second, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":\"More\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_after_accounts_search_the_handle_unit_and_administrators_and_the_filters_narrow_by_platform_and_status()
    {
        await RegisterTwelveAsync();
        await RegisterAsync(13, "handle=@Malaria_News|unitName=Malaria Centre|secondAdminEmail=fatou.jallow@lshtm.ac.uk", DateTimeOffset.UtcNow.AddDays(-400));

        Assert.Equal(["SMA-2026-0007"], References(await ApproverSaysAsync("accounts @UNIT_07")));
        Assert.Equal(["SMA-2026-0013"], References(await ApproverSaysAsync("accounts malaria centre")));
        Assert.Equal(["SMA-2026-0013"], References(await ApproverSaysAsync("accounts fatou")));
        Assert.Empty(References(await ApproverSaysAsync("accounts nothing-like-this")));

        var linkedIn = await ApproverSaysAsync(null, new { verb = OfficialAccountVerbs.List, page = 0, registerPlatform = "linkedin" });
        Assert.Equal(["SMA-2026-0012"], References(linkedIn));
        var auditDue = await ApproverSaysAsync(null, new { verb = OfficialAccountVerbs.List, page = 0, registerStatus = "auditDue" });
        Assert.Equal(["SMA-2026-0013"], References(auditDue));
        Assert.Contains("Audit due", auditDue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audits_lists_the_accounts_due_and_overdue_oldest_first()
    {
        await RegisterAsync(1, "handle=@recent", DateTimeOffset.UtcNow.AddDays(-10));
        await RegisterAsync(2, "handle=@due_soon", DateTimeOffset.UtcNow.AddDays(-350));
        await RegisterAsync(3, "handle=@long_overdue", DateTimeOffset.UtcNow.AddDays(-800));
        await RegisterAsync(4, "handle=@overdue", DateTimeOffset.UtcNow.AddDays(-400));

        var audits = await ApproverSaysAsync("audits");

        Assert.Equal(["SMA-2026-0003", "SMA-2026-0004", "SMA-2026-0002"], References(audits));
        Assert.Contains("Audits due", audits, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_outside_the_Comms_team_is_refused_the_register_and_sees_none_of_it()
    {
        await RegisterAsync(1, "handle=@secret_unit|unitName=Quiet Centre", DateTimeOffset.UtcNow);

        foreach (var typed in new[] { "accounts", "accounts quiet", "audits" })
        {
            var answer = await SayAsync(typed, null, BotApplicationFactory.StaffAadId, StaffChat, "Priya Shah");
            Assert.Contains(RegisterPages.CommsOnly, answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Quiet Centre", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("SMA-2026-0001", answer, StringComparison.Ordinal);
        }

        // A forged "More" click is a command like any other: the same refusal.
        var forged = await SayAsync(null, new { verb = OfficialAccountVerbs.List, page = 0 }, BotApplicationFactory.StaffAadId, StaffChat, "Priya Shah");
        Assert.Contains(RegisterPages.CommsOnly, forged, StringComparison.Ordinal);
        Assert.DoesNotContain("SMA-2026-0001", forged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approver_gets_the_register_in_the_Comms_channel_when_they_mention_the_bot()
    {
        await RegisterAsync(1, "handle=@unit_01", DateTimeOffset.UtcNow);
        const string thread = WorkflowHarness.CommsChannel + ";messageid=42";
        var mention = "<at>Social Media Desk</at>";
        var message = harness.Message($"{mention} accounts", null, "29:approver", BotApplicationFactory.ApproverAadId, "Grace Hopper", thread);
        message["conversation"]!["conversationType"] = "channel";
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = mention,
            ["mentioned"] = new JsonObject { ["id"] = WorkflowHarness.BotId, ["name"] = "Social Media Desk" },
        });

        await harness.SendAsync(message);

        var path = $"/v3/conversations/{Uri.EscapeDataString(thread)}/activities";
        var answer = Assert.Single(await harness.WaitForCallsAsync("POST", path, 1)).Body;
        Assert.Equal(["SMA-2026-0001"], References(answer));
    }

    [Fact]
    public async Task My_accounts_lists_the_accounts_the_person_administers_and_nobody_elses()
    {
        await RegisterAsync(1, "handle=@ada_one", DateTimeOffset.UtcNow.AddDays(-400));
        await RegisterAsync(2, "handle=@ada_two", DateTimeOffset.UtcNow.AddDays(-10));
        var someoneElses = AccountRequest.Submit("SMA-2026-0003", Ada with { AadObjectId = BotApplicationFactory.SeniorManagerAadId }, Details("handle=@not_adas"), DateTimeOffset.UtcNow)
            .Approve(Approver, DateTimeOffset.UtcNow).Next!;
        await Register.AddFromApprovedRequestAsync(someoneElses);

        var ada = await SayAsync("my accounts", null, RequesterId, "a:ada", "Ada Lovelace");
        var stranger = await SayAsync("my accounts", null, BotApplicationFactory.StaffAadId, StaffChat, "Priya Shah");

        // Soonest audit first: the overdue one, with its status and date.
        Assert.Equal(["SMA-2026-0001", "SMA-2026-0002"], References(ada));
        Assert.Contains("Audit due", ada, StringComparison.Ordinal);
        Assert.Contains(TeamsPolicyBot.Cards.CardDates.Date(DateTimeOffset.UtcNow.AddDays(-10).AddYears(1)), ada, StringComparison.Ordinal);
        Assert.Empty(References(stranger));
        Assert.Contains("not an administrator of any official account", stranger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_approval_card_warns_when_the_handle_is_already_registered_whatever_its_case_and_at_sign()
    {
        await RegisterAsync(7, "handle=@LSHTM_Malaria|unitName=Malaria Centre", DateTimeOffset.UtcNow.AddDays(-30));
        var inputs = ValidInputs();
        inputs["handle"] = "lshtm_malaria";
        inputs["submissionId"] = Guid.NewGuid().ToString();
        var other = ValidInputs();
        other["platform"] = "x";
        other["submissionId"] = Guid.NewGuid().ToString();

        await harness.PostAsync(harness.Invoke(AccountRequestVerbs.Submit, inputs, "29:staff", BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false, StaffChat));
        var duplicate = (await WaitForThreadsAsync(1))[0];
        await harness.PostAsync(harness.Invoke(AccountRequestVerbs.Submit, other, "29:staff", BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false, StaffChat));
        var newThreads = await WaitForThreadsAsync(2);

        Assert.Contains("already holds Instagram @LSHTM\\\\_Malaria for Malaria Centre (SMA-2026-0007)", duplicate, StringComparison.Ordinal);
        Assert.DoesNotContain("already holds", newThreads[1], StringComparison.Ordinal);
    }

    private async Task<string[]> WaitForThreadsAsync(int count)
    {
        await WorkflowHarness.WaitUntilAsync(() => Task.FromResult(harness.Calls("POST", "/v3/conversations").Count(call => call.PathAndQuery == "/v3/conversations") >= count));
        return [.. harness.Calls("POST", "/v3/conversations").Where(call => call.PathAndQuery == "/v3/conversations").Select(call => call.Body)];
    }

    [GeneratedRegex(@"SMA-\d{4}-\d{4}")]
    private static partial Regex ReferencePattern();
}
