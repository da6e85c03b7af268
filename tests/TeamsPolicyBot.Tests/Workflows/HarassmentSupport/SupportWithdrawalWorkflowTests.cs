using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>The person withdraws their referral: the channel card, the case handler and the alerted people told, each once, with nothing personal.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportWithdrawalWorkflowTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    [Fact]
    public async Task The_person_withdraws_an_untaken_referral_once_the_channel_card_says_so_with_nothing_personal_and_nobody_else_may()
    {
        var reference = await ReferralOnTheChannelAsync();
        await harness.WaitForCallsAsync("POST", ManagerChatPath, 2);
        var withdraw = new { reference, withdrawReason = "A colleague helped me report it, I am fine now" };

        // Sam, a case handler, cannot withdraw it for the person.
        var notTheirs = await harness.PostAsync(harness.Invoke(SupportVerbs.Withdraw, withdraw, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));
        Assert.Equal("Only the person who asked for support can withdraw this request.", notTheirs["value"]!.GetValue<string>());
        Assert.Equal(ReferralStatus.New, (await Referrals.GetAsync(reference))!.Record.Status);

        var first = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw));
        Assert.Contains("You withdrew your request", first, StringComparison.Ordinal);
        Assert.Contains("You can ask for support again at any time", first, StringComparison.Ordinal);

        // Teams retries the click: the same confirmation, nothing stored or said again.
        var retried = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw));
        Assert.Equal(first, retried);

        var update = Assert.Single(await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1));
        Assert.Contains("Withdrawn", update.Body, StringComparison.Ordinal);
        foreach (var secret in Secrets.Append("colleague helped"))
        {
            Assert.DoesNotContain(secret, update.Body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(SupportVerbs.Take, update.Body, StringComparison.Ordinal);
        Assert.Equal("Withdrawn", Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId)).Status);
        Assert.Contains("withdrawn by the person", (await TakeAsync(reference, BotApplicationFactory.ApproverAadId))["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(harness.Calls("PUT", "/v3/conversations"));
        Assert.Single((await Referrals.GetAsync(reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.Withdrawn);

        // Nobody is messaged: no case handler had it, and the line manager is not told (theirs to hear from the person).
        Assert.Equal(2, harness.Calls("POST", ManagerChatPath).Length);
        Assert.Single(harness.Calls("POST", HandlerChatPath));
        Assert.Empty(harness.Calls("POST", PersonChatPath));
        foreach (var line in logs.GetSnapshot())
        {
            Assert.DoesNotContain("colleague helped", line.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Withdrawing_an_urgent_referral_nobody_took_lets_the_alerted_case_handlers_stand_down_once_with_nothing_personal()
    {
        await StartAsync(managerInDirectory: false);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var form = Inputs(submissionId, i => i["feelsUnsafe"] = "true");
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, form, managerEmail: "alex.morgan@example.ac.uk"))));
        await harness.WaitForCallsAsync("POST", HandlerChatPath, 3);
        await Task.Delay(300);
        var before = harness.Calls("POST", HandlerChatPath).Length;
        var withdraw = new { reference, withdrawReason = "A colleague helped me report it, I am fine now" };

        await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw);
        await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw);

        var standDown = (await harness.WaitForCallsAsync("POST", HandlerChatPath, before + 1))[before];
        Assert.Contains("No longer needed: an urgent support request was withdrawn", standDown.Body, StringComparison.Ordinal);
        Assert.Contains(reference, standDown.Body, StringComparison.Ordinal);
        foreach (var secret in Secrets.Append("colleague helped"))
        {
            Assert.DoesNotContain(secret, standDown.Body, StringComparison.OrdinalIgnoreCase);
        }

        await Task.Delay(300);
        Assert.Equal(before + 1, harness.Calls("POST", HandlerChatPath).Length);
    }

    [Fact]
    public async Task Withdrawing_a_taken_case_tells_its_case_handler_once_with_the_note_and_their_case_card_then_refuses_work()
    {
        var reference = await ReferralOnTheChannelAsync();
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);
        await harness.WaitForCallsAsync("POST", HandlerChatPath, 2);

        // The "taken" notice offers it too.
        Assert.Contains(SupportVerbs.Withdraw, harness.Calls("POST", PersonChatPath)[0].Body, StringComparison.Ordinal);

        var withdraw = new { reference, withdrawReason = "It stopped after the account was suspended" };
        var confirmation = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw));
        Assert.Contains("Sam Carter, who was looking after it, has been told, with your note.", confirmation, StringComparison.Ordinal);
        await PersonInvokeAsync(SupportVerbs.Withdraw, withdraw);

        var told = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 3))[2];
        Assert.Contains("Priya Shah withdrew their support request", told.Body, StringComparison.Ordinal);
        Assert.Contains("It stopped after the account was suspended", told.Body, StringComparison.Ordinal);
        var update = (await harness.WaitForCallsAsync("PUT", "/v3/conversations", 2))[1];
        Assert.Contains("Withdrawn", update.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("suspended", update.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", update.Body, StringComparison.Ordinal);

        var message = await harness.PostAsync(harness.Invoke(SupportVerbs.Message, new { reference, message = "Hello?" }, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));
        var caseCard = WorkflowHarness.CardText(message);
        Assert.Contains("Withdrawn by Priya Shah", caseCard, StringComparison.Ordinal);
        Assert.Contains("nothing more can be done on it", caseCard, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Close, caseCard, StringComparison.Ordinal);
        var reply = await PersonInvokeAsync(SupportVerbs.Reply, new { reference, message = "One more thing" });
        Assert.StartsWith($"You withdrew {reference}", reply["value"]!.GetValue<string>(), StringComparison.Ordinal);

        await Task.Delay(300);
        Assert.Equal(3, harness.Calls("POST", HandlerChatPath).Length);
        Assert.Equal(2, harness.Calls("PUT", "/v3/conversations").Length);
        Assert.Single(harness.Calls("POST", PersonChatPath));
        Assert.Empty((await Referrals.GetAsync(reference))!.Record.Messages);
    }
}
