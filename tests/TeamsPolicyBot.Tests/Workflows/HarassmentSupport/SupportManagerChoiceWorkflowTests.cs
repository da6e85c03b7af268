using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>
/// "I'd like to talk to a case handler first" and "My line manager is involved" through the whole app: what the check
/// step says, that the manager hears nothing at submission, "Tell their line manager now" (once, by the case handler
/// who has the case only), and the case handlers warned privately when the manager is involved.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportManagerChoiceWorkflowTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    private Task<JsonNode> HandlerAsync(string verb, object data) =>
        harness.PostAsync(harness.Invoke(verb, data, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));

    /// <summary>Checked and sent with <paramref name="sharing"/>, as the person would; the reference.</summary>
    private async Task<string> SendAsync(string sharing, Action<string> onCheckStep)
    {
        var submissionId = Guid.NewGuid().ToString();
        var inputs = Inputs(submissionId, i => i["managerSharing"] = sharing);
        onCheckStep(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, inputs)));
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, inputs))));
        Assert.NotEmpty(reference);
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        return reference;
    }

    /// <summary>
    /// The manager in the directory and able to hear from the bot, yet the check step neither names nor asks for them:
    /// it says <paramref name="checkStepSays"/>. Sent; the reference.
    /// </summary>
    private async Task<string> SentWithManagerInDirectoryAsync(string sharing, string checkStepSays, bool secondCaseHandler = false)
    {
        await StartAsync(managerInDirectory: true, secondCaseHandler: secondCaseHandler);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        return await SendAsync(sharing, check =>
        {
            Assert.Contains(checkStepSays, check, StringComparison.Ordinal);
            Assert.DoesNotContain(ManagerAadId, check, StringComparison.Ordinal);
            Assert.DoesNotContain("Find your line manager", check, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Talk_first_tells_the_manager_nothing_until_the_case_handler_tells_them_once_as_agreed_and_the_person_hears_it()
    {
        var reference = await SentWithManagerInDirectoryAsync("talkFirst", "Your line manager**: not told now. The case handler who takes your request will talk with you first.", secondCaseHandler: true);
        var stored = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal((ManagerSharing.TalkFirst, null), (stored.Details.ManagerSharing, stored.Manager.AadObjectId));
        Assert.DoesNotContain(stored.Audit, a => a.Action.StartsWith("Line manager", StringComparison.Ordinal));

        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        var caseCard = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body;
        Assert.Contains("Priya Shah would like to talk to you before their line manager is told", caseCard, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.TellManager, caseCard, StringComparison.Ordinal);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);

        // Anyone else's click (another case handler, the person themself) is refused in words: the card stays, nothing is sent.
        var byOtherHandler = await harness.PostAsync(harness.Invoke(SupportVerbs.TellManager, new { reference, tellManagerWith = "full" }, "29:second", SecondHandlerAadId, "Riley Brooks", inChannel: false, SecondHandlerChat));
        var byPerson = await PersonInvokeAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "full" });
        Assert.Matches(@"^Only Sam Carter, who looks after HSR-\d{4}-\d{4}, can tell their line manager\.$", byOtherHandler["value"]!.GetValue<string>());
        Assert.StartsWith("Only Sam Carter, who looks after", byPerson["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var noChoice = WorkflowHarness.CardText(await HandlerAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "" }));
        Assert.Contains("Choose what their line manager may be told", noChoice, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(harness.Calls("POST", ManagerChatPath));

        var told = WorkflowHarness.CardText(await HandlerAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "referralOnly" }));
        Assert.Contains("Alex Morgan, told by Sam Carter on", told, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.TellManager, told, StringComparison.Ordinal);
        var notice = (await harness.WaitForCallsAsync("POST", ManagerChatPath, 2))[1].Body;
        Assert.Contains("asked for support", notice, StringComparison.Ordinal);
        Assert.Contains("Sam Carter", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("angry", notice, StringComparison.Ordinal);
        var personTold = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1].Body;
        Assert.Contains("Your line manager has been told", personTold, StringComparison.Ordinal);
        Assert.Contains("Sam Carter has now told your line manager, Alex Morgan, only that you asked for support", personTold, StringComparison.Ordinal);

        // A second click (a stale card): refused in words, and nothing is sent again.
        var again = await HandlerAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "full" });
        Assert.Contains("Sam Carter already told their line manager", again["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(2, harness.Calls("POST", ManagerChatPath).Length);
        Assert.Equal(2, harness.Calls("POST", PersonChatPath).Length);

        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal((ManagerSharing.ReferralOnly, ManagerAadId), (record.ManagerToldLater!.Sharing, record.Manager.AadObjectId));
        Assert.Equal([ReferralAuditActions.ManagerToldByHandler, ReferralAuditActions.ManagerTold], record.Audit.Select(a => a.Action).Where(a => a.Contains("line manager", StringComparison.OrdinalIgnoreCase)));
        Assert.Single(record.Audit, a => a.Action == ReferralAuditActions.ManagerToldByHandler && a.ActorName == "Sam Carter");
    }

    [Fact]
    public async Task Talk_first_with_no_manager_in_the_directory_asks_the_person_nothing_and_the_case_handler_is_told_to_find_out()
    {
        await StartAsync(managerInDirectory: false);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);

        var reference = await SendAsync("talkFirst", check =>
        {
            Assert.DoesNotContain("we could not find them", check, StringComparison.Ordinal);
            Assert.DoesNotContain("\"managerEmail\"", check, StringComparison.Ordinal);
            Assert.Contains("not told now", check, StringComparison.Ordinal);
        });
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", HandlerChatPath, 2);

        var refused = WorkflowHarness.CardText(await HandlerAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "full" }));

        Assert.Contains("Nothing was sent: the staff directory lists no line manager for them. Ask Priya Shah who their line manager is", refused, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.TellManager, refused, StringComparison.Ordinal);
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Null(record.ManagerToldLater);
        Assert.Null(record.ManagerOutcome);
    }

    [Fact]
    public async Task Manager_involved_is_never_told_and_the_case_handlers_hear_it_privately_never_in_the_channel()
    {
        var reference = await SentWithManagerInDirectoryAsync("involved", "Your line manager**: not told, now or later: you said they are involved.");

        var alert = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body;
        Assert.Contains("Their line manager is involved", alert, StringComparison.Ordinal);
        Assert.Contains(reference, alert, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", alert, StringComparison.Ordinal);
        Assert.All(ChannelThreads(), thread => Assert.DoesNotContain("involved", thread.Body, StringComparison.OrdinalIgnoreCase));

        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        var caseCard = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 3))[2].Body;
        Assert.Contains("Important: their line manager is involved", caseCard, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.TellManager, caseCard, StringComparison.Ordinal);

        var forced = await HandlerAsync(SupportVerbs.TellManager, new { reference, tellManagerWith = "full" });
        Assert.Contains("line manager is involved, so the bot never tells them", forced["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("the bot will never tell them", WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation((await Referrals.GetAsync(reference))!.Record.SubmissionId!, Inputs(Guid.NewGuid().ToString(), i => i["managerSharing"] = "involved")))), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(harness.Calls("POST", ManagerChatPath));
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Null(record.Manager.AadObjectId);
        Assert.Null(record.ManagerOutcome);
    }
}
