using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>The incident workflow through the whole app: report, triage in the channel, the reporter kept informed.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IncidentWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ReporterTeamsId = "29:reporter";
    private const string ApproverTeamsId = "29:approver";
    private const string ReporterChat = "/v3/conversations/a%3Arequester-chat/activities";
    private const string ThreadPath = "/v3/conversations/19%3Acomms-approvals%40thread.tacv2%3Bmessageid%3D9001/activities";
    private WorkflowHarness harness = null!;

    public async Task InitializeAsync() => harness = await WorkflowHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IIncidents Incidents => harness.App.Services.GetRequiredService<IIncidents>();

    private Task<JsonNode> ReportAsync(Action<Dictionary<string, string?>>? change = null, string verb = IncidentVerbs.Submit)
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["noticedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        inputs["submissionId"] = Guid.NewGuid().ToString();
        change?.Invoke(inputs);
        return harness.PostAsync(harness.Invoke(verb, inputs, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
    }

    private Task<JsonNode> TriageAsync(string verb, string reference, string aadId, object? extra = null)
    {
        var data = System.Text.Json.JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        data["reference"] = reference;
        return harness.PostAsync(harness.Invoke(verb, data, ApproverTeamsId, aadId, "Sam Carter", inChannel: true));
    }

    private static string ReferenceIn(string text) => Regex.Match(text, @"INC-\d{4}-\d{4}").Value;

    private async Task<string> ReportAndWaitForTheThreadAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var reference = ReferenceIn(WorkflowHarness.CardText(await ReportAsync(change)));
        Assert.NotEmpty(reference);
        await WorkflowHarness.WaitUntilAsync(async () => (await Incidents.GetAsync(reference))?.Record.TriageCard is not null);
        return reference;
    }

    [Fact]
    public async Task A_report_is_stored_confirmed_and_posted_at_once_as_an_urgent_thread_in_the_Comms_channel()
    {
        var answer = await ReportAsync();

        Assert.True(WorkflowHarness.IsCard(answer));
        var reference = ReferenceIn(WorkflowHarness.CardText(answer));
        Assert.Equal(IncidentStatus.New, (await Incidents.GetAsync(reference))!.Record.Status);
        var post = Assert.Single(await harness.WaitForCallsAsync("POST", "/v3/conversations", 1));
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal(WorkflowHarness.CommsChannel, body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Contains(reference, post.Body, StringComparison.Ordinal);
        Assert.Contains("URGENT", post.Body, StringComparison.Ordinal);
        var mine = Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
        Assert.Equal((reference, IncidentIndex.Kind), (mine.Reference, mine.Kind));
    }

    [Fact]
    public async Task The_same_report_submitted_twice_is_one_incident_with_one_triage_card()
    {
        var submissionId = Guid.NewGuid().ToString();

        var first = ReferenceIn(WorkflowHarness.CardText(await ReportAsync(inputs => inputs["submissionId"] = submissionId)));
        var again = ReferenceIn(WorkflowHarness.CardText(await ReportAsync(inputs => inputs["submissionId"] = submissionId)));

        Assert.Equal(first, again);
        await harness.WaitForCallsAsync("POST", "/v3/conversations", 1);
        await Task.Delay(300);
        Assert.Single(harness.Calls("POST", "/v3/conversations"));
    }

    [Theory]
    [InlineData("urgent", true)]
    [InlineData("normal", false)]
    public async Task An_urgent_report_sets_the_acknowledgement_reminder_and_a_normal_one_the_target_reminder(string urgency, bool scheduled)
    {
        var reference = await ReportAndWaitForTheThreadAsync(inputs => inputs["urgency"] = urgency);
        var incident = (await Incidents.GetAsync(reference))!.Record;

        // Scheduling is idempotent per key: a second schedule reports whether the report already set one.
        var reminders = harness.App.Services.GetRequiredService<IReminders>();
        var dueAt = incident.CreatedAt.AddMinutes(30);
        Assert.Equal(!scheduled, await reminders.ScheduleAsync(UnacknowledgedIncidentReminder.Key(incident), dueAt));

        // A normal one gets the target reminder instead, at 80% of Targets:TakeIncidentWithin (1 day by default).
        Assert.Equal(scheduled, await reminders.ScheduleAsync(IncidentTargetReminder.Key(incident), incident.CreatedAt.AddHours(19.2)));
    }

    [Fact]
    public async Task An_invalid_link_comes_back_next_to_its_field_with_everything_typed_and_nothing_is_sent()
    {
        var answer = await ReportAsync(i => i["links"] = "x.com/someone");

        var card = WorkflowHarness.CardText(answer);
        Assert.Contains("Problem:", card, StringComparison.Ordinal);
        Assert.Contains("not a web address", card, StringComparison.Ordinal);
        Assert.Contains("malaria vaccine trial", card, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Empty(harness.Calls("POST", "/v3/conversations"));
    }

    [Fact]
    public async Task Harassment_offers_support_first_and_continuing_brings_back_the_filled_form()
    {
        var offer = WorkflowHarness.CardText(await ReportAsync(i => i["kind"] = "harassment"));

        Assert.Contains("support.start", offer, StringComparison.Ordinal);
        Assert.Contains("malaria vaccine trial", offer, StringComparison.Ordinal);
        var offerCard = JsonNode.Parse(offer)!;
        var continueData = offerCard["body"]!.AsArray()
            .Where(element => element!["type"]!.GetValue<string>() == "ActionSet")
            .SelectMany(set => set!["actions"]!.AsArray())
            .Single(action => action!["verb"]?.GetValue<string>() == IncidentVerbs.Continue)!["data"]!;

        var form = await harness.PostAsync(harness.Invoke(IncidentVerbs.Continue, continueData, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
        var formText = WorkflowHarness.CardText(form);
        Assert.Contains("malaria vaccine trial", formText, StringComparison.Ordinal);
        Assert.Contains("\"supportOffered\":true", formText, StringComparison.Ordinal);

        var filed = await ReportAsync(i => { i["kind"] = "harassment"; i["supportOffered"] = "true"; });
        Assert.NotEmpty(ReferenceIn(WorkflowHarness.CardText(filed)));
    }

    [Fact]
    public async Task A_compromised_official_account_gets_the_reporter_a_checklist_as_well_as_the_triage_card()
    {
        await ReportAsync(i => { i["kind"] = "compromised"; i["postedBy"] = "officialAccount"; });

        var checklist = Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1));
        Assert.Contains("Log all sessions out", checklist.Body, StringComparison.Ordinal);
        await harness.WaitForCallsAsync("POST", "/v3/conversations", 2);
    }

    [Fact]
    public async Task Someone_who_is_not_a_Comms_approver_is_refused_and_nothing_changes()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var answer = await TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.SeniorManagerAadId);

        Assert.False(WorkflowHarness.IsCard(answer));
        Assert.Contains("Only the Comms team", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.New, (await Incidents.GetAsync(reference))!.Record.Status);
        Assert.Empty(harness.Calls("PUT", "/v3/conversations"));
    }

    [Fact]
    public async Task The_cards_refresh_gives_the_triage_buttons_to_Comms_approvers_only()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var approversView = await TriageAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.ApproverAadId);
        var othersView = await TriageAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.SeniorManagerAadId);

        Assert.Contains($"\"verb\":\"{IncidentVerbs.Take}\"", WorkflowHarness.CardText(approversView), StringComparison.Ordinal);
        Assert.True(WorkflowHarness.IsCard(othersView));
        Assert.DoesNotContain($"\"verb\":\"{IncidentVerbs.Take}\"", WorkflowHarness.CardText(othersView), StringComparison.Ordinal);
        Assert.DoesNotContain($"\"verb\":\"{IncidentVerbs.Resolve}\"", WorkflowHarness.CardText(othersView), StringComparison.Ordinal);
        Assert.Contains("The Comms team deals with this report", WorkflowHarness.CardText(othersView), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.New, (await Incidents.GetAsync(reference))!.Record.Status);
    }

    [Fact]
    public async Task Taking_updates_the_card_in_place_and_tells_the_reporter()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var answer = await TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.ApproverAadId);

        Assert.Contains("Taken by Sam Carter", WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        var update = Assert.Single(await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1));
        Assert.EndsWith("/activities/9001", update.PathAndQuery, StringComparison.Ordinal);
        // Who took it and when is said once, under the heading, and no longer as "Status: Taken".
        Assert.Single(Regex.Matches(update.Body, "Taken by Sam Carter on "));
        Assert.DoesNotContain("Status:", update.Body, StringComparison.Ordinal);
        var notice = Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1));
        Assert.Contains("Comms is on it", notice.Body, StringComparison.Ordinal);
        Assert.Contains(RenderedCard.InActivity(notice.Body).Texts(), text => Regex.IsMatch(text, @"^Sam Carter took your report on \d{1,2} \w{3} \d{4} at \d{2}:\d{2} and is looking into it\.$"));
        Assert.Contains("Contact Comms at comms@lshtm.ac.uk", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_approvers_taking_at_once_make_one_owner_and_one_notice()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var answers = await Task.WhenAll(
            TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.ApproverAadId),
            TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.ApproverAadId));

        Assert.Single(answers, WorkflowHarness.IsCard);
        Assert.Contains("already taken", Assert.Single(answers, a => !WorkflowHarness.IsCard(a))["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await harness.WaitForCallsAsync("POST", ReporterChat, 1);
        await Task.Delay(300);
        Assert.Single(harness.Calls("POST", ReporterChat));
        Assert.Equal(2, (await Incidents.GetAsync(reference))!.Record.Audit.Count);
    }

    [Fact]
    public async Task A_question_is_relayed_to_the_reporter_and_the_answer_back_into_the_thread_and_kept()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        await TriageAsync(IncidentVerbs.Ask, reference, BotApplicationFactory.ApproverAadId, new { question = "Has the research team replied?" });
        var question = Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1));
        Assert.Contains("Has the research team replied?", question.Body, StringComparison.Ordinal);
        Assert.Contains(IncidentVerbs.Answer, question.Body, StringComparison.Ordinal);

        var answered = await harness.PostAsync(harness.Invoke(
            IncidentVerbs.Answer, new { reference, questionNumber = "1", answer = "Not yet, the PI is travelling." }, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));

        Assert.Contains("Your answer was sent to Comms", WorkflowHarness.CardText(answered), StringComparison.Ordinal);
        var reply = Assert.Single(await harness.WaitForCallsAsync("POST", ThreadPath, 1));
        Assert.Contains("Not yet, the PI is travelling.", reply.Body, StringComparison.Ordinal);
        Assert.Equal("Not yet, the PI is travelling.", Assert.Single((await Incidents.GetAsync(reference))!.Record.Questions).Answer);
    }

    [Fact]
    public async Task Escalating_tells_the_reporter_and_records_and_says_in_the_thread_when_a_contact_cannot_be_reached()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var answer = await TriageAsync(IncidentVerbs.Escalate, reference, BotApplicationFactory.ApproverAadId);

        Assert.Contains("Escalated to senior management by Sam Carter", WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        var notice = RenderedCard.InActivity(Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1)).Body);
        Assert.Contains("Your report went to senior managers", notice.Texts());
        Assert.Contains(notice.Texts(), text => text.StartsWith("Sam Carter in the Comms team passed your report to the university's senior managers on ", StringComparison.Ordinal));
        Assert.DoesNotContain("Escalated to senior management", notice.AllText, StringComparison.Ordinal);
        Assert.Contains("could not be sent", Assert.Single(await harness.WaitForCallsAsync("POST", ThreadPath, 1)).Body, StringComparison.Ordinal);
        var audit = (await Incidents.GetAsync(reference))!.Record.Audit;
        Assert.Equal(IncidentAuditActions.EscalationNotDelivered, audit[^1].Action);
        Assert.Contains(BotApplicationFactory.SeniorManagerAadId, audit[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_needs_an_outcome_then_closes_the_card_and_tells_the_reporter_the_outcome()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var noOutcome = await TriageAsync(IncidentVerbs.Resolve, reference, BotApplicationFactory.ApproverAadId);
        var resolved = await TriageAsync(IncidentVerbs.Resolve, reference, BotApplicationFactory.ApproverAadId, new { outcome = "contentRemoved", outcomeNotes = "X removed it." });

        Assert.Contains("Choose the outcome", noOutcome["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Resolved by Sam Carter", WorkflowHarness.CardText(resolved), StringComparison.Ordinal);
        Assert.DoesNotContain(IncidentVerbs.Take, WorkflowHarness.CardText(resolved), StringComparison.Ordinal);
        var notice = Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1));
        // The outcome is said once, in the headline; the sentence says who resolved it and when.
        var noticeCard = RenderedCard.InActivity(notice.Body);
        Assert.Contains("Resolved: Content removed", noticeCard.Texts());
        Assert.Single(noticeCard.Texts(), text => text.Contains("Content removed", StringComparison.Ordinal));
        Assert.Contains(noticeCard.Texts(), text => text.StartsWith("Sam Carter resolved your report on ", StringComparison.Ordinal) && text.EndsWith(". Thank you for telling us.", StringComparison.Ordinal));
        Assert.Contains("X removed it.", notice.Body, StringComparison.Ordinal);
        Assert.StartsWith("Resolved", Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId)).Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disciplinary_referral_tells_the_reporter_only_that_action_has_been_taken_while_Comms_keeps_the_outcome()
    {
        var reference = await ReportAndWaitForTheThreadAsync();

        var resolved = await TriageAsync(IncidentVerbs.Resolve, reference, BotApplicationFactory.ApproverAadId, new { outcome = "disciplinary", outcomeNotes = "Dr Jones referred to HR for the posts." });

        Assert.Contains("Referred under the disciplinary policy", WorkflowHarness.CardText(resolved), StringComparison.Ordinal);
        Assert.Contains("Dr Jones referred to HR", WorkflowHarness.CardText(resolved), StringComparison.Ordinal);
        var channelUpdate = (await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1))[^1];
        Assert.Contains("Referred under the disciplinary policy", channelUpdate.Body, StringComparison.Ordinal);
        var notice = Assert.Single(await harness.WaitForCallsAsync("POST", ReporterChat, 1));
        Assert.Contains("Resolved: action has been taken", notice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("disciplinary", notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Dr Jones", notice.Body, StringComparison.Ordinal);
        var mine = Assert.Single(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
        Assert.Equal("Resolved: action has been taken", mine.Status);
        var incident = (await Incidents.GetAsync(reference))!.Record;
        Assert.Equal(ResolutionOutcome.DisciplinaryReferral, incident.Resolution!.Outcome);
        Assert.Contains("Referred under the disciplinary policy", incident.Audit[^1].Detail, StringComparison.Ordinal);
    }
}
