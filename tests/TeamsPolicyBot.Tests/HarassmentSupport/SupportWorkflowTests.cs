using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TeamsPolicyBot.Conversations.ProactiveMessages;
using TeamsPolicyBot.HarassmentSupport;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Reminders;
using TeamsPolicyBot.Storage.HarassmentSupport;
using TeamsPolicyBot.Storage.MyRequests;
using TeamsPolicyBot.Tests.Support;
using static TeamsPolicyBot.Tests.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.HarassmentSupport;

/// <summary>Harassment support through the whole app: the warm card, the form, the check step, who is told what, and taking the case.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportWorkflowTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const string PersonTeamsId = "29:person";
    private const string HandlerTeamsId = "29:handler";
    private const string ManagerTeamsId = "29:manager";
    private const string ManagerAadId = "3f0b9c2e-5555-4a6b-9c1d-000000000005";
    private const string PersonChatPath = "/v3/conversations/a%3Arequester-chat/activities";
    private const string ManagerChat = "a:manager-chat";
    private const string ManagerChatPath = "/v3/conversations/a%3Amanager-chat/activities";
    private const string HandlerChat = "a:handler-chat";
    private const string HandlerChatPath = "/v3/conversations/a%3Ahandler-chat/activities";
    private const string SecondHandlerAadId = "3f0b9c2e-6666-4a6b-9c1d-000000000006";
    private const string SecondHandlerChat = "a:second-handler-chat";
    private const string SecondHandlerChatPath = "/v3/conversations/a%3Asecond-handler-chat/activities";

    /// <summary>Words of the typed text: none may reach the channel or a log line.</summary>
    private static readonly string[] Secrets = ["angry", "home street", "fraud", "Mastodon", "1898000000000000000", "Priya"];

    private readonly FakeLogCollector logs = new();
    private WorkflowHarness harness = null!;

    public async ValueTask DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }

    /// <param name="crashOn">The first message it matches throws before it is queued: a crash part-way through a follow-up.</param>
    /// <param name="secondCaseHandler">Riley Brooks is a case handler too, so a case can be handed over.</param>
    private async Task StartAsync(bool managerInDirectory, Func<string, Activity, bool>? crashOn = null, bool secondCaseHandler = false)
    {
        harness = await WorkflowHarness.StartAsync(
            azurite,
            settings: settings =>
            {
                if (managerInDirectory)
                {
                    settings[$"Directory:Managers:{BotApplicationFactory.StaffAadId}"] = ManagerAadId;
                }

                if (secondCaseHandler)
                {
                    settings["Support:CaseHandlerIds:1"] = SecondHandlerAadId;
                }
            },
            logs: logs,
            services: crashOn is null ? null : services => FailOnceMessenger.Register(services, crashOn));
    }

    private ISupportReferrals Referrals => harness.App.Services.GetRequiredService<ISupportReferrals>();

    /// <summary>Someone says hi in their own personal chat, so the bot can message them later.</summary>
    private async Task SayHiAsync(string teamsId, string aadId, string name, string chat, string chatPath)
    {
        await harness.SendAsync(harness.Message("hi", null, teamsId, aadId, name, chat));
        await harness.WaitForCallsAsync("POST", chatPath, 1);
    }

    private Task<JsonNode> PersonInvokeAsync(string verb, object data) =>
        harness.PostAsync(harness.Invoke(verb, data, PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));

    private Task<JsonNode> TakeAsync(string reference, string aadId) =>
        harness.PostAsync(harness.Invoke(SupportVerbs.Take, new { reference }, HandlerTeamsId, aadId, "Sam Carter", inChannel: true));

    /// <summary>The channel card's "Send me the details again", as the card sends it.</summary>
    private Task<JsonNode> ResendDetailsAsync(string reference, string aadId) =>
        harness.PostAsync(harness.Invoke(SupportVerbs.Take, new { reference, resend = SupportFields.ResendDetails }, HandlerTeamsId, aadId, "Sam Carter", inChannel: true));

    private static Dictionary<string, string?> Inputs(string submissionId, Action<Dictionary<string, string?>>? change = null)
    {
        var inputs = ValidInputs();
        inputs["since"] = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        inputs["submissionId"] = submissionId;
        change?.Invoke(inputs);
        return inputs;
    }

    private static string ReferenceIn(string text) => Regex.Match(text, @"HSR-\d{4}-\d{4}").Value;

    private static JsonObject Confirmation(string submissionId, Dictionary<string, string?> form, string shownManagerId = "", string? managerEmail = null, string? managerId = null)
    {
        var data = new JsonObject { ["submissionId"] = submissionId, ["shownManagerId"] = shownManagerId, ["form"] = System.Text.Json.JsonSerializer.SerializeToNode(form) };
        if (managerId is not null)
        {
            data["managerId"] = managerId;
        }

        if (managerEmail is not null)
        {
            data["managerEmail"] = managerEmail;
        }

        return data;
    }

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
    public async Task A_referral_is_checked_confirmed_stored_and_everyone_is_told_only_what_they_may_know()
    {
        await StartAsync(managerInDirectory: true);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();

        var invalid = WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Review, Inputs(submissionId, i => i["needs"] = "")));
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

        // The case handler hears at once that it is urgent, and that the line manager must be told another way.
        var handlerNotices = await harness.WaitForCallsAsync("POST", HandlerChatPath, 3);
        Assert.Contains(handlerNotices, c => c.Body.Contains("Urgent: someone feels unsafe now", StringComparison.Ordinal));
        Assert.Contains(handlerNotices, c => c.Body.Contains("alex.morgan@example.ac.uk", StringComparison.Ordinal));
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        Assert.Contains(ReferralAuditActions.ManagerNotReached, (await Referrals.GetAsync(reference))!.Record.Audit.Select(a => a.Action));

        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        var details = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 4))[3];
        Assert.Contains("home street", details.Body, StringComparison.Ordinal);
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

    /// <summary>Connector calls that went to the Comms channel as a new thread (the channel card).</summary>
    private RecordedRequest[] ChannelThreads() => harness.Calls("POST", "/v3/conversations").Where(c => c.PathAndQuery == "/v3/conversations").ToArray();

    /// <summary>A referral (not urgent) sent, its manager and the case handler able to hear from the bot, and its channel card posted.</summary>
    private async Task<string> ReferralOnTheChannelAsync(Func<string, Activity, bool>? crashOn = null, bool secondCaseHandler = false)
    {
        await StartAsync(managerInDirectory: true, crashOn, secondCaseHandler);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, Inputs(submissionId), ManagerAadId))));
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        return reference;
    }

    /// <summary>Scheduling is idempotent per key: scheduling it again says whether the referral had already set it.</summary>
    private async Task<bool> TakeReminderIsNewAsync(string reference)
    {
        var referral = (await Referrals.GetAsync(reference))!.Record;
        return await harness.App.Services.GetRequiredService<IReminders>().ScheduleAsync(UntakenReferralReminder.Key(referral), referral.CreatedAt.AddMinutes(15));
    }

    private async Task<RecordedRequest[]> WaitForChannelThreadAsync()
    {
        await WorkflowHarness.WaitUntilAsync(() => Task.FromResult(ChannelThreads().Length > 0));
        return ChannelThreads();
    }

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

        await Assert.ThrowsAnyAsync<Exception>(() => PersonInvokeAsync(SupportVerbs.Confirm, confirm));
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

        await Assert.ThrowsAnyAsync<Exception>(() => TakeAsync(reference, BotApplicationFactory.ApproverAadId));
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

        var action = new { reference, draftId = "action-draft", actionTaken = "Reported the account to X." };
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

    [Fact]
    public async Task The_case_handler_hands_the_case_over_once_the_new_one_gets_the_details_the_channel_names_them_and_the_person_is_told()
    {
        var reference = await ReferralOnTheChannelAsync(secondCaseHandler: true);
        await SayHiAsync("29:second-handler", SecondHandlerAadId, "Riley Brooks", SecondHandlerChat, SecondHandlerChatPath);
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);

        // Sam's case card offers Riley, by name, to hand over to.
        var caseCard = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body;
        Assert.Contains(SupportVerbs.HandOver, caseCard, StringComparison.Ordinal);
        Assert.Contains("Riley Brooks", caseCard, StringComparison.Ordinal);
        var draftId = caseCard.Split("\"draftId\":\"")[1].Split('"')[0];

        Task<JsonNode> AsAsync(string teamsId, string aadId, string name, string chat, object data) =>
            harness.PostAsync(harness.Invoke(SupportVerbs.HandOver, data, teamsId, aadId, name, inChannel: false, chat));

        // Riley cannot take it over by handing it to themself; Sam cannot hand it to someone who is not a case handler.
        var notTheirs = await AsAsync("29:second-handler", SecondHandlerAadId, "Riley Brooks", SecondHandlerChat, new { reference, handOverTo = SecondHandlerAadId });
        Assert.Contains("Only Sam Carter", notTheirs["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var notAHandler = await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, new { reference, handOverTo = BotApplicationFactory.SeniorManagerAadId });
        Assert.Contains("Choose one of the other case handlers", WorkflowHarness.CardText(notAHandler), StringComparison.Ordinal);

        var handOver = new { reference, draftId, handOverTo = SecondHandlerAadId, handOverNote = "Away until the 20th; she prefers afternoons" };
        var first = WorkflowHarness.CardText(await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, handOver));
        Assert.Contains("You handed this case over to Riley Brooks", first, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Message, first, StringComparison.Ordinal);
        var retried = WorkflowHarness.CardText(await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, handOver));
        Assert.Contains("You handed this case over to Riley Brooks", retried, StringComparison.Ordinal);

        // Riley: the full case card, with the note; the channel: Riley's name and nothing personal; the person: who has it now.
        var details = (await harness.WaitForCallsAsync("POST", SecondHandlerChatPath, 2))[1].Body;
        Assert.Contains("home street", details, StringComparison.Ordinal);
        Assert.Contains("she prefers afternoons", details, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Close, details, StringComparison.Ordinal);
        var update = (await harness.WaitForCallsAsync("PUT", "/v3/conversations", 2))[1].Body;
        Assert.Contains("Handed over to Riley Brooks", update, StringComparison.Ordinal);
        foreach (var secret in Secrets.Append("afternoons"))
        {
            Assert.DoesNotContain(secret, update, StringComparison.OrdinalIgnoreCase);
        }

        var told = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1].Body;
        Assert.Contains("Your request has a new case handler", told, StringComparison.Ordinal);
        Assert.Contains("Riley Brooks from Communications", told, StringComparison.Ordinal);
        Assert.DoesNotContain("afternoons", told, StringComparison.Ordinal);

        // Sam can do nothing more; Riley can.
        var samAgain = await harness.PostAsync(harness.Invoke(SupportVerbs.Message, new { reference, message = "Hello?" }, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));
        Assert.Contains("Only Riley Brooks", samAgain["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await harness.PostAsync(harness.Invoke(SupportVerbs.Message, new { reference, message = "Hello, I look after your request now." }, "29:second-handler", SecondHandlerAadId, "Riley Brooks", inChannel: false, SecondHandlerChat));
        await harness.WaitForCallsAsync("POST", PersonChatPath, 3);

        await Task.Delay(300);
        Assert.Equal(2, harness.Calls("POST", SecondHandlerChatPath).Length);
        Assert.Equal(2, harness.Calls("PUT", "/v3/conversations").Length);
        Assert.Equal(3, harness.Calls("POST", PersonChatPath).Length);
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Single(record.Audit, entry => entry.Action == ReferralAuditActions.HandedOver);
        Assert.Equal(SecondHandlerAadId, record.Handler!.By.AadObjectId);
        foreach (var line in logs.GetSnapshot())
        {
            Assert.DoesNotContain("afternoons", line.Message, StringComparison.Ordinal);
        }
    }
}
