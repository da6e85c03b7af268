using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>Harassment support through the whole app: the warm card, the form, the check step, who is told what, taking the case and working it to its close.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportWorkflowTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    [Fact]
    public async Task Get_support_shows_the_warm_card_first_and_the_incident_form_hands_over_what_was_typed()
    {
        await StartAsync(managerInDirectory: false);

        await harness.SendAsync(harness.Message("get support", null, PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah"));
        var warm = Assert.Single(await harness.WaitForCallsAsync("POST", PersonChatPath, 1));
        Assert.Contains("You are not alone", warm.Body, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Form, warm.Body, StringComparison.Ordinal);

        await harness.SendAsync(harness.Message(null, new { verb = "support.start", source = "incident.report", form = new { what = What, platform = "x", links = Link, noticedOn = "2026-03-01", stillLive = "yes", kind = "harassment" } }, PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah"));
        var handedOver = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1];
        var askData = JsonNode.Parse(handedOver.Body)!["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Where(element => element!["type"]!.GetValue<string>() == "ActionSet")
            .SelectMany(set => set!["actions"]!.AsArray())
            .Single(action => action!["verb"]?.GetValue<string>() == SupportVerbs.Form)!["data"]!;

        var form = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Form, askData));
        Assert.Contains("home street", form, StringComparison.Ordinal);
        Assert.Contains(Link, form, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Review, form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_asking_for_a_colleague_gets_guidance_and_the_incident_route_and_nothing_is_stored_or_sent()
    {
        await StartAsync(managerInDirectory: true);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await harness.SendAsync(harness.Message("get support", null, PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah"));
        var warm = Assert.Single(await harness.WaitForCallsAsync("POST", PersonChatPath, 1));
        Assert.Contains("Is this happening to you, or to a colleague?", warm.Body, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Colleague, warm.Body, StringComparison.Ordinal);
        var sentBefore = harness.Calls("POST", "/v3/conversations").Length;
        var toManagerBefore = harness.Calls("POST", ManagerChatPath).Length;

        var colleague = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Colleague, new { }));

        Assert.Contains("Supporting a colleague", colleague, StringComparison.Ordinal);
        Assert.Contains("No support case is opened in your name, and your line manager is not told.", colleague, StringComparison.Ordinal);
        Assert.Contains("incident.report", colleague, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Review, colleague, StringComparison.Ordinal);

        // Nothing stored in their name, and nobody (their manager, the channel, the case handlers) messaged.
        Assert.Empty(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
        Assert.Equal(sentBefore, harness.Calls("POST", "/v3/conversations").Length);
        Assert.Equal(toManagerBefore, harness.Calls("POST", ManagerChatPath).Length);
    }

    [Fact]
    public async Task An_urgent_check_step_names_the_senior_managers_who_will_be_told_and_a_normal_one_does_not()
    {
        await StartAsync(managerInDirectory: true);
        await SayHiAsync("29:senior", BotApplicationFactory.SeniorManagerAadId, "Helen Okafor", "a:senior-chat", "/v3/conversations/a%3Asenior-chat/activities");

        var urgent = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, Inputs(Guid.NewGuid().ToString(), i => i["feelsUnsafe"] = "true")));
        var normal = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, Inputs(Guid.NewGuid().ToString())));

        Assert.Contains("senior managers for social media incidents (Helen Okafor) are told straight away", urgent, StringComparison.Ordinal);
        Assert.DoesNotContain("Helen Okafor", normal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_is_checked_confirmed_stored_and_everyone_is_told_only_what_they_may_know()
    {
        await StartAsync(managerInDirectory: true);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();

        var invalid = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, Inputs(submissionId, i => i["managerSharing"] = "")));
        Assert.Contains("Problem:", invalid, StringComparison.Ordinal);
        Assert.Contains("home street", invalid, StringComparison.Ordinal);

        var check = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, Inputs(submissionId)));
        Assert.Contains("Check before sending", check, StringComparison.Ordinal);
        Assert.Contains(ManagerAadId, check, StringComparison.Ordinal);
        // Directory:Managers holds only ids; the manager is named as Teams knows them (here, from their chat with the bot).
        Assert.Contains("Your line manager, Alex Morgan**: only that you asked for support", check, StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.DoesNotContain(harness.Calls("POST", "/v3/conversations"), c => c.PathAndQuery == "/v3/conversations" || c.PathAndQuery == PersonChatPath);
        Assert.Empty(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));

        var sent = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, Inputs(submissionId), ManagerAadId)));
        var reference = ReferenceIn(sent);
        Assert.NotEmpty(reference);
        Assert.Contains("Your request is with us", sent, StringComparison.Ordinal);
        var stored = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal((ManagerAadId, ReferralStatus.New), (stored.Manager.AadObjectId, stored.Status));
        var mine = Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
        Assert.Equal((reference, SupportIndex.Kind), (mine.Reference, mine.Kind));

        var channel = Assert.Single(await WaitForChannelThreadAsync());
        Assert.True(await TakeReminderIsNewAsync(reference), "A referral that is not urgent sets no reminder.");
        Assert.Contains(reference, channel.Body, StringComparison.Ordinal);
        var managerNotice = (await harness.WaitForCallsAsync("POST", ManagerChatPath, 2))[1];
        Assert.Contains("asked for support", managerNotice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("angry", managerNotice.Body, StringComparison.Ordinal);

        // A second click on "Send my request": the same referral, nothing sent again.
        Assert.Equal(reference, ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, Inputs(submissionId), ManagerAadId)))));

        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        var refused = await TakeAsync(reference, BotApplicationFactory.SeniorManagerAadId);
        Assert.Contains("case handlers", refused["value"]!.GetValue<string>(), StringComparison.Ordinal);

        var taken = await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        Assert.Contains("Taken by Sam Carter", WorkflowHarness.CardText(taken), StringComparison.Ordinal);
        var details = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1];
        Assert.Contains("home street", details.Body, StringComparison.Ordinal);
        Assert.Contains("Priya Shah", details.Body, StringComparison.Ordinal);
        Assert.Contains("Taken by Sam Carter", Assert.Single(await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1)).Body, StringComparison.Ordinal);
        Assert.Contains("A case handler is looking after your request", Assert.Single(await harness.WaitForCallsAsync("POST", PersonChatPath, 1)).Body, StringComparison.Ordinal);

        // The owner's Take again (Teams retried it): the same answer, nothing said again.
        Assert.Contains("Taken by Sam Carter", WorkflowHarness.CardText(await TakeAsync(reference, BotApplicationFactory.ApproverAadId)), StringComparison.Ordinal);

        // "Send me the details again" does send them again, in their private chat; another case handler could not.
        Assert.Contains("sent you the details again", (await ResendDetailsAsync(reference, BotApplicationFactory.ApproverAadId))["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("home street", (await harness.WaitForCallsAsync("POST", HandlerChatPath, 3))[2].Body, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(3, harness.Calls("POST", HandlerChatPath).Length);
        Assert.Single(harness.Calls("PUT", "/v3/conversations"));
        Assert.Single(harness.Calls("POST", PersonChatPath));
        Assert.Single(harness.Calls("POST", "/v3/conversations"), c => c.PathAndQuery == "/v3/conversations");
        Assert.Equal(2, harness.Calls("POST", ManagerChatPath).Length);
        Assert.Equal(ReferralAuditActions.ManagerTold, (await Referrals.GetAsync(reference))!.Record.Audit.Select(a => a.Action).Single(a => a.StartsWith("Line manager", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Urgent_with_no_manager_found_asks_for_their_email_tells_the_case_handlers_at_once_and_never_leaks_the_text_to_the_channel_or_the_logs()
    {
        await StartAsync(managerInDirectory: false);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var form = Inputs(submissionId, i => { i["feelsUnsafe"] = "true"; i["managerSharing"] = "full"; });

        var check = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, form));
        Assert.Contains("managerEmail", check, StringComparison.Ordinal);
        Assert.Contains("graph.microsoft.com/users", check, StringComparison.Ordinal);
        Assert.Contains("You said you feel unsafe now", check, StringComparison.Ordinal);
        var noEmail = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, form)));
        Assert.Contains("Find your line manager, or enter their work email", noEmail, StringComparison.Ordinal);
        Assert.Null(await Referrals.GetBySubmissionAsync(submissionId));

        var sent = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, form, managerEmail: "alex.morgan@example.ac.uk")));
        var reference = ReferenceIn(sent);
        Assert.True(sent.IndexOf("call 999", StringComparison.Ordinal) < sent.IndexOf(reference, StringComparison.Ordinal));
        Assert.Equal("alex.morgan@example.ac.uk", (await Referrals.GetAsync(reference))!.Record.Manager.Email);
        Assert.False(await TakeReminderIsNewAsync(reference), "An urgent referral sets the reminder for when nobody took it in time.");

        // The case handlers hear at once that it is urgent, and that the line manager must be told another way, but
        // not who the manager is: only the one who takes the case learns that.
        var handlerNotices = await harness.WaitForCallsAsync("POST", HandlerChatPath, 3);
        Assert.Contains(handlerNotices, c => c.Body.Contains("Urgent: someone feels unsafe now", StringComparison.Ordinal));
        Assert.Contains(handlerNotices, c => c.Body.Contains("could not be told by the bot", StringComparison.Ordinal));
        Assert.DoesNotContain(handlerNotices, c => c.Body.Contains("alex.morgan", StringComparison.OrdinalIgnoreCase));
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        Assert.Contains(ReferralAuditActions.ManagerNotReached, (await Referrals.GetAsync(reference))!.Record.Audit.Select(a => a.Action));

        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        var details = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 4))[3];
        Assert.Contains("home street", details.Body, StringComparison.Ordinal);
        Assert.Contains("alex.morgan@example.ac.uk", details.Body, StringComparison.Ordinal);
        await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1);
        await Task.Delay(300);

        // Every request that went to the Comms channel: the new thread, its updates, any replies in it.
        var toChannel = harness.Connector.Requests
            .Where(r => r.PathAndQuery == "/v3/conversations" || r.PathAndQuery.Contains("comms-approvals", StringComparison.Ordinal))
            .ToList();
        Assert.True(toChannel.Count >= 2);
        Assert.Contains(toChannel, r => r.Body.Contains("URGENT", StringComparison.Ordinal));
        foreach (var request in toChannel)
        {
            foreach (var secret in Secrets.Append("alex.morgan"))
            {
                Assert.DoesNotContain(secret, request.Body, StringComparison.OrdinalIgnoreCase);
            }
        }

        var lines = logs.GetSnapshot().Select(line => line.Message + " " + line.Exception).ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, line => line.Contains(reference, StringComparison.Ordinal));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task The_case_handler_and_the_person_talk_through_the_bot_and_the_case_is_followed_to_its_close()
    {
        await StartAsync(managerInDirectory: false);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        var submissionId = Guid.NewGuid().ToString();

        // No manager in the directory: the person picks theirs with the people picker, so the bot can tell them.
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, Inputs(submissionId), managerId: ManagerAadId))));
        Assert.Contains("asked for support", (await harness.WaitForCallsAsync("POST", ManagerChatPath, 2))[1].Body, StringComparison.Ordinal);
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);

        Task<JsonNode> HandlerAsync(string verb, object data) =>
            harness.PostAsync(harness.Invoke(verb, data, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));

        var emptyMessage = await HandlerAsync(SupportVerbs.Message, new { reference, message = " " });
        Assert.Contains("Type your message", WorkflowHarness.CardText(emptyMessage), StringComparison.Ordinal);

        var asked = await HandlerAsync(SupportVerbs.Message, new { reference, message = "Is now a good time to talk about the angry replies?" });
        Assert.Contains("Is now a good time to talk", WorkflowHarness.CardText(asked), StringComparison.Ordinal);
        var relayed = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1];
        Assert.Contains("Is now a good time to talk", relayed.Body, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Reply, relayed.Body, StringComparison.Ordinal);

        var replied = await PersonInvokeAsync(SupportVerbs.Reply, new { reference, message = "Yes, after 3pm please." });
        Assert.Contains("Your reply was sent", WorkflowHarness.CardText(replied), StringComparison.Ordinal);
        await WorkflowHarness.WaitUntilAsync(() => Task.FromResult(harness.Calls("POST", HandlerChatPath).Any(c => c.Body.Contains("Yes, after 3pm please.", StringComparison.Ordinal))));

        await HandlerAsync(SupportVerbs.RecordAction, new { reference, actionTaken = "Reported the account to X." });
        Assert.Contains("Reported the account to X.", (await harness.WaitForCallsAsync("POST", PersonChatPath, 3))[2].Body, StringComparison.Ordinal);

        var otherHandler = await harness.PostAsync(harness.Invoke(SupportVerbs.Close, new { reference, outcome = "supportGiven" }, "29:someone", BotApplicationFactory.SeniorManagerAadId, "Morgan Reid", inChannel: false, "a:someone-chat"));
        Assert.Contains("Only Sam Carter", otherHandler["value"]!.GetValue<string>(), StringComparison.Ordinal);

        var closed = await HandlerAsync(SupportVerbs.Close, new { reference, outcome = "reportedToPlatform", outcomeNotes = "X suspended the account." });
        Assert.Contains("Closed by Sam Carter", WorkflowHarness.CardText(closed), StringComparison.Ordinal);
        var closedNotice = (await harness.WaitForCallsAsync("POST", PersonChatPath, 4))[3];
        Assert.Contains("Your request is closed: Reported to the platform", closedNotice.Body, StringComparison.Ordinal);
        Assert.Contains("X suspended the account.", closedNotice.Body, StringComparison.Ordinal);
        var updates = await harness.WaitForCallsAsync("PUT", "/v3/conversations", 2);
        Assert.Contains("Closed", updates[^1].Body, StringComparison.Ordinal);
        Assert.All(updates, update => Assert.DoesNotContain("good time", update.Body, StringComparison.Ordinal));
        Assert.StartsWith("Closed", Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId)).Status, StringComparison.Ordinal);
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal(2, record.Messages.Count);
        Assert.Single(record.Actions);

        var late = await PersonInvokeAsync(SupportVerbs.Reply, new { reference, message = "One more thing" });
        Assert.Contains("is closed", late["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
