using System.Text.Json.Nodes;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>Nothing lost, nothing said twice: a follow-up that crashed part-way is completed by the retried click, and a retried click stores once.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportRetryWorkflowTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    [Fact]
    public async Task A_send_that_crashed_after_storing_is_completed_by_the_retry_and_everyone_is_told_exactly_once()
    {
        // The crash comes after the urgent alerts were queued and before the channel card and the manager's notice.
        await StartAsync(managerInDirectory: true, crashOn: (operation, _) => operation == nameof(IProactiveMessenger.PostToCommsChannelAsync));
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var form = Inputs(submissionId, i => i["feelsUnsafe"] = "true");
        var confirm = Confirmation(submissionId, form, ManagerAadId);

        // The turn's exception boundary answers the crashed click with an apology, not a 500.
        Assert.Contains(TurnBoundary.SomethingWentWrong, WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, confirm)), StringComparison.Ordinal);
        var stored = Assert.IsType<SupportReferral>(await Referrals.GetBySubmissionAsync(submissionId));
        Assert.Null(stored.ManagerOutcome);

        // Teams retries the invoke it got no answer to: the same submission.
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, confirm)));
        Assert.Equal(stored.Reference, reference);
        Assert.Contains(reference, Assert.Single(await WaitForChannelThreadAsync()).Body, StringComparison.Ordinal);
        Assert.Contains("asked for support", (await harness.WaitForCallsAsync("POST", ManagerChatPath, 2))[1].Body, StringComparison.Ordinal);
        Assert.Contains("Urgent: someone feels unsafe now", (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body, StringComparison.Ordinal);

        // And again once all went well: nothing more is said.
        Assert.Equal(reference, ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, confirm))));
        await Task.Delay(500);
        Assert.Single(ChannelThreads());
        Assert.Equal(2, harness.Calls("POST", ManagerChatPath).Length);
        Assert.Equal(2, harness.Calls("POST", HandlerChatPath).Length);
        Assert.Single((await Referrals.GetAsync(reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.ManagerTold);
    }

    [Fact]
    public async Task A_take_that_crashed_before_the_details_went_out_is_completed_by_the_retried_click_once()
    {
        var reference = await ReferralOnTheChannelAsync(crashOn: (_, activity) => activity.Summary?.EndsWith(": the details", StringComparison.Ordinal) == true);

        Assert.Contains(TurnBoundary.SomethingWentWrong, WorkflowHarness.CardText(await TakeAsync(reference, BotApplicationFactory.ApproverAadId)), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Taken, (await Referrals.GetAsync(reference))!.Record.Status);

        var retried = await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        Assert.Contains("Taken by Sam Carter", WorkflowHarness.CardText(retried), StringComparison.Ordinal);
        Assert.Contains("home street", (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body, StringComparison.Ordinal);
        Assert.Contains("A case handler is looking after your request", Assert.Single(await harness.WaitForCallsAsync("POST", PersonChatPath, 1)).Body, StringComparison.Ordinal);
        await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1);

        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await Task.Delay(500);
        Assert.Equal(2, harness.Calls("POST", HandlerChatPath).Length);
        Assert.Single(harness.Calls("POST", PersonChatPath));
        Assert.Single(harness.Calls("PUT", "/v3/conversations"));
    }

    [Fact]
    public async Task Retried_clicks_on_the_case_store_each_message_action_and_close_once_and_say_each_once()
    {
        var reference = await ReferralOnTheChannelAsync();
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);

        // The draft id as the case card sent to the case handler carries it on "Send".
        var caseCard = JsonNode.Parse((await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body)!;
        var draftId = caseCard.ToJsonString().Split("\"draftId\":\"")[1].Split('"')[0];
        Assert.NotEmpty(draftId);

        Task<JsonNode> HandlerAsync(string verb, object data) =>
            harness.PostAsync(harness.Invoke(verb, data, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));

        var message = new { reference, draftId, message = "Is now a good time to talk?" };
        var first = WorkflowHarness.CardText(await HandlerAsync(SupportVerbs.Message, message));
        var retried = WorkflowHarness.CardText(await HandlerAsync(SupportVerbs.Message, message));
        Assert.Contains("Is now a good time to talk", retried, StringComparison.Ordinal);
        Assert.Equal(first.Split("Is now a good time").Length, retried.Split("Is now a good time").Length);

        var action = new { reference, draftId = Guid.NewGuid().ToString("N"), actionTaken = "Reported the account to X." };
        await HandlerAsync(SupportVerbs.RecordAction, action);
        await HandlerAsync(SupportVerbs.RecordAction, action);

        var close = new { reference, outcome = "supportGiven" };
        await HandlerAsync(SupportVerbs.Close, close);
        var closedAgain = await HandlerAsync(SupportVerbs.Close, close);
        Assert.True(WorkflowHarness.IsCard(closedAgain));
        Assert.Contains("Closed by Sam Carter", WorkflowHarness.CardText(closedAgain), StringComparison.Ordinal);

        // The person: taken, the message, the action, the close; each once.
        var toPerson = await harness.WaitForCallsAsync("POST", PersonChatPath, 4);
        await Task.Delay(500);
        Assert.Equal(4, harness.Calls("POST", PersonChatPath).Length);
        Assert.Single(toPerson, c => c.Body.Contains("Is now a good time", StringComparison.Ordinal));
        Assert.Single(toPerson, c => c.Body.Contains("Reported the account to X.", StringComparison.Ordinal));
        Assert.Single(toPerson, c => c.Body.Contains("Your request is closed", StringComparison.Ordinal));
        Assert.Equal(2, harness.Calls("PUT", "/v3/conversations").Length);
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal((1, 1), (record.Messages.Count, record.Actions.Count));
    }
}
