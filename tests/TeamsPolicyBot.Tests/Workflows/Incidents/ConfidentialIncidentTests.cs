using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>
/// Harassment reported through the incident form after the support offer (policy 6.3, 5.4): the Comms channel sees the
/// reference, "Harassment (confidential)" and the urgency; the details and the reporter's answers reach the support case
/// handlers only, in their chats with the bot.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ConfidentialIncidentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ReporterTeamsId = "29:reporter";
    private const string ApproverTeamsId = "29:approver";
    private const string HandlerAadId = "3f0b9c2e-6666-4a6b-9c1d-000000000006";
    private const string HandlerChat = "a:handler-chat";
    private const string HandlerChatPath = "/v3/conversations/a%3Ahandler-chat/activities";
    private const string ApproverChat = "a:approver-chat";
    private const string SeniorManagerChat = "a:senior-manager-chat";
    private const string ThreadPath = "/v3/conversations/19%3Acomms-approvals%40thread.tacv2%3Bmessageid%3D9001/activities";

    /// <summary>Words of what the reporter typed, and their name: none may reach the channel.</summary>
    private static readonly string[] Secrets = ["slurs", "Dr Smith", "1898000000000000000", "harasser", "Screenshots of", "blocked him", "Priya"];

    private WorkflowHarness harness = null!;

    public async Task InitializeAsync()
    {
        // The case handler is not a Comms approver here, so what each of them is sent can be told apart.
        harness = await WorkflowHarness.StartAsync(azurite, settings: settings => settings["Support:CaseHandlerIds:0"] = HandlerAadId);

        // The case handler, the approver and the escalation contact each have a chat with the bot, so the bot messages them all.
        await SayHiAsync("29:handler", HandlerAadId, "Riley Brooks", HandlerChat);
        await SayHiAsync("29:approver-chat", BotApplicationFactory.ApproverAadId, "Sam Carter", ApproverChat);
        await SayHiAsync("29:senior", BotApplicationFactory.SeniorManagerAadId, "Helen Okafor", SeniorManagerChat);
    }

    private async Task SayHiAsync(string teamsId, string aadId, string name, string chat)
    {
        await harness.SendAsync(harness.Message("hi", null, teamsId, aadId, name, chat));
        await harness.WaitForCallsAsync("POST", $"/v3/conversations/{Uri.EscapeDataString(chat)}/activities", 1);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IIncidents Incidents => harness.App.Services.GetRequiredService<IIncidents>();

    private string reportedCard = "";

    private async Task<string> ReportHarassmentAsync()
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["kind"] = "harassment";
        inputs["supportOffered"] = "true";
        inputs["what"] = "Dr Smith keeps posting slurs about my research and me.";
        inputs["links"] = "https://x.com/harasser/status/1898000000000000000";
        inputs["evidence"] = "Screenshots of every post.";
        inputs["actionsTaken"] = "I blocked him.";
        inputs["noticedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        inputs["submissionId"] = Guid.NewGuid().ToString();
        var answer = await harness.PostAsync(harness.Invoke(IncidentVerbs.Submit, inputs, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
        reportedCard = WorkflowHarness.CardText(answer);
        var reference = Regex.Match(reportedCard, @"INC-\d{4}-\d{4}").Value;
        Assert.NotEmpty(reference);
        await WorkflowHarness.WaitUntilAsync(async () => (await Incidents.GetAsync(reference))?.Record.TriageCard is not null);
        return reference;
    }

    private Task<JsonNode> TriageAsync(string verb, string reference, string aadId, object? extra = null)
    {
        var data = System.Text.Json.JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        data["reference"] = reference;
        return harness.PostAsync(harness.Invoke(verb, data, ApproverTeamsId, aadId, "Sam Carter", inChannel: true));
    }

    private static void AssertNoSecrets(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_channel_card_shows_only_the_reference_kind_and_urgency_and_the_details_go_to_the_case_handlers()
    {
        var reference = await ReportHarassmentAsync();

        Assert.Contains("This report is confidential.", reportedCard, StringComparison.Ordinal);
        Assert.Contains("slurs about my research", reportedCard, StringComparison.Ordinal);
        var post = Assert.Single(harness.Calls("POST", "/v3/conversations"), call => call.Body.Contains(WorkflowHarness.CommsChannel, StringComparison.Ordinal));
        Assert.Contains(reference, post.Body, StringComparison.Ordinal);
        Assert.Contains("Harassment (confidential)", post.Body, StringComparison.Ordinal);
        Assert.Contains("URGENT", post.Body, StringComparison.Ordinal);
        AssertNoSecrets(post.Body);

        var copy = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[^1];
        Assert.Contains(reference, copy.Body, StringComparison.Ordinal);
        Assert.Contains("slurs about my research", copy.Body, StringComparison.Ordinal);
        Assert.Contains("Priya Shah", copy.Body, StringComparison.Ordinal);
        Assert.Contains("for the support case handlers only", copy.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(IncidentVerbs.Take, copy.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_from_Comms_goes_to_the_case_handlers_only_and_no_view_of_the_channel_card_shows_it()
    {
        var reference = await ReportHarassmentAsync();
        await harness.WaitForCallsAsync("POST", HandlerChatPath, 2);

        var answer = await TriageAsync(IncidentVerbs.Note, reference, BotApplicationFactory.ApproverAadId, new { note = "HR says the colleague is on leave until May." });

        Assert.True(WorkflowHarness.IsCard(answer));
        Assert.Contains("a note goes only to the support case handlers", WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        Assert.DoesNotContain("on leave", WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        var sent = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 3))[^1];
        Assert.Contains(reference, sent.Body, StringComparison.Ordinal);
        Assert.Contains("Note from Sam Carter", sent.Body, StringComparison.Ordinal);
        Assert.Contains("on leave until May", sent.Body, StringComparison.Ordinal);

        var approversView = await TriageAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.ApproverAadId);
        Assert.DoesNotContain("on leave", WorkflowHarness.CardText(approversView), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(harness.Connector.Requests, call => call.Body.Contains("on leave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_view_of_the_channel_card_and_every_update_of_it_leaves_the_details_out()
    {
        var reference = await ReportHarassmentAsync();

        var approversView = await TriageAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.ApproverAadId);
        var othersView = await TriageAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.SeniorManagerAadId);
        var taken = await TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.ApproverAadId);
        var resolved = await TriageAsync(IncidentVerbs.Resolve, reference, BotApplicationFactory.ApproverAadId, new { outcome = "reportedToPlatform", outcomeNotes = "Reported Dr Smith to X." });

        Assert.Contains($"\"verb\":\"{IncidentVerbs.Take}\"", WorkflowHarness.CardText(approversView), StringComparison.Ordinal);
        foreach (var view in new[] { approversView, othersView, taken, resolved })
        {
            Assert.True(WorkflowHarness.IsCard(view));
            Assert.Contains("Harassment (confidential)", WorkflowHarness.CardText(view), StringComparison.Ordinal);
            AssertNoSecrets(WorkflowHarness.CardText(view));
        }

        foreach (var update in await harness.WaitForCallsAsync("PUT", "/v3/conversations", 2))
        {
            AssertNoSecrets(update.Body);
        }
    }

    [Fact]
    public async Task The_reporters_answer_goes_to_the_case_handlers_and_the_thread_hears_only_that_it_was_answered()
    {
        var reference = await ReportHarassmentAsync();
        var handlerMessagesBefore = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2)).Length;

        await TriageAsync(IncidentVerbs.Ask, reference, BotApplicationFactory.ApproverAadId, new { question = "Is it still going on?" });
        await harness.PostAsync(harness.Invoke(
            IncidentVerbs.Answer, new { reference, questionNumber = "1", answer = "Yes, Dr Smith posted slurs again today." }, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));

        var relayed = (await harness.WaitForCallsAsync("POST", HandlerChatPath, handlerMessagesBefore + 1))[^1];
        Assert.Contains("posted slurs again today", relayed.Body, StringComparison.Ordinal);
        Assert.Contains(reference, relayed.Body, StringComparison.Ordinal);
        var threadReply = Assert.Single(await harness.WaitForCallsAsync("POST", ThreadPath, 1));
        Assert.Contains("answered question 1", threadReply.Body, StringComparison.Ordinal);
        Assert.Contains("case handlers only", threadReply.Body, StringComparison.Ordinal);
        AssertNoSecrets(threadReply.Body);
        Assert.Equal("Yes, Dr Smith posted slurs again today.", Assert.Single((await Incidents.GetAsync(reference))!.Record.Questions).Answer);
    }

    [Fact]
    public async Task Through_every_step_nobody_but_the_case_handler_is_sent_the_details()
    {
        var reference = await ReportHarassmentAsync();
        await TriageAsync(IncidentVerbs.Take, reference, BotApplicationFactory.ApproverAadId);
        await TriageAsync(IncidentVerbs.Ask, reference, BotApplicationFactory.ApproverAadId, new { question = "Is it still going on?" });
        await harness.PostAsync(harness.Invoke(
            IncidentVerbs.Answer, new { reference, questionNumber = "1", answer = "Yes, Dr Smith posted slurs again today." }, ReporterTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
        await TriageAsync(IncidentVerbs.Escalate, reference, BotApplicationFactory.ApproverAadId);
        await TriageAsync(IncidentVerbs.Resolve, reference, BotApplicationFactory.ApproverAadId, new { outcome = "reportedToPlatform", outcomeNotes = "X is looking into the account." });

        // The escalation contact's summary, the last card update and the handler's copy and relayed answer have all been sent.
        await harness.WaitForCallsAsync("POST", $"/v3/conversations/{Uri.EscapeDataString(SeniorManagerChat)}/activities", 2);
        await harness.WaitForCallsAsync("POST", HandlerChatPath, 3);
        await WorkflowHarness.WaitUntilAsync(() => Task.FromResult(harness.Calls("PUT", "/v3/conversations").Any(call => call.Body.Contains("Resolved by Sam Carter on ", StringComparison.Ordinal))));

        var handlerCalls = harness.Calls("POST", HandlerChatPath);
        Assert.Contains(handlerCalls, call => call.Body.Contains("slurs about my research", StringComparison.Ordinal));
        Assert.Contains(handlerCalls, call => call.Body.Contains("posted slurs again today", StringComparison.Ordinal));
        foreach (var call in harness.Connector.Requests.Where(call => !call.PathAndQuery.StartsWith(HandlerChatPath, StringComparison.Ordinal)))
        {
            AssertNoSecrets(call.Body);
        }
    }

    [Fact]
    public async Task The_escalation_summary_of_a_confidential_incident_leaves_the_details_out()
    {
        var reference = await ReportHarassmentAsync();
        var incident = (await Incidents.GetAsync(reference))!.Record;
        var cards = harness.App.Services.GetRequiredService<IncidentCards>();

        var escalated = incident.Escalate(IncidentSamples.Triager, DateTimeOffset.UtcNow).Next!;
        var summary = System.Text.Json.JsonSerializer.Serialize(cards.Escalation(escalated, "https://teams.microsoft.com/l/message/x/1").Content);

        Assert.Contains("Harassment (confidential)", summary, StringComparison.Ordinal);
        Assert.Contains("support case handlers only", summary, StringComparison.Ordinal);
        AssertNoSecrets(summary);
    }
}
