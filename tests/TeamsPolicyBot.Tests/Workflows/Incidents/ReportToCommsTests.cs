using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>"Report to Comms" on a Teams message, through the whole app: the dialog, its checks, and a report stored and triaged as from the chat.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportToCommsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Someone who never talked to the bot: no personal chat is stored for them.
    private const string ReporterTeamsId = "29:never-talked";
    private const string GroupChat = WorkflowHarness.GroupChat;
    private const string MessageLink = "https://teams.microsoft.com/l/message/19:group-chat@thread.v2/1772614200000";
    private WorkflowHarness harness = null!;

    public async Task InitializeAsync() => harness = await WorkflowHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IIncidents Incidents => harness.App.Services.GetRequiredService<IIncidents>();

    private JsonObject Invoke(string name, JsonObject value, string aadId = BotApplicationFactory.StaffAadId, string teamsId = ReporterTeamsId) =>
        harness.ExtensionInvoke(name, value, teamsId, aadId, "Priya Shah");

    private static JsonObject Message() => new()
    {
        ["id"] = "1772614200000",
        ["createdDateTime"] = "2026-03-04T09:10:00.000Z",
        ["linkToMessage"] = MessageLink,
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Have you seen <b>this</b> post?</p><p>It says the trial &amp; the vaccine are fake.</p>" },
        ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "someone", ["displayName"] = "Alex Doe" } },
    };

    private Task<JsonNode> FetchAsync() =>
        harness.PostAsync(Invoke("composeExtension/fetchTask", new JsonObject { ["commandId"] = "reportToComms", ["commandContext"] = "message", ["messagePayload"] = Message() }));

    private Task<JsonNode> SubmitAsync(Action<Dictionary<string, string?>>? change = null, string aadId = BotApplicationFactory.StaffAadId, string teamsId = ReporterTeamsId)
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["noticedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        inputs["submissionId"] = Guid.NewGuid().ToString();
        inputs["verb"] = IncidentVerbs.Submit;
        change?.Invoke(inputs);
        var value = new JsonObject
        {
            ["commandId"] = "reportToComms",
            ["commandContext"] = "message",
            ["messagePayload"] = Message(),
            ["data"] = System.Text.Json.JsonSerializer.SerializeToNode(inputs),
        };
        return harness.PostAsync(Invoke("composeExtension/submitAction", value, aadId, teamsId));
    }

    private static JsonNode DialogCard(JsonNode answer)
    {
        Assert.Equal("continue", (string?)answer["task"]!["type"]);
        Assert.Equal("Report to Comms", (string?)answer["task"]!["value"]!["title"]);
        var card = answer["task"]!["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        return card["content"]!;
    }

    private static string Input(JsonNode card, string id) =>
        card.ToJsonString().Contains($"\"id\":\"{id}\"", StringComparison.Ordinal)
            ? (string?)Descendants(card).First(n => n is JsonObject o && (string?)o["id"] == id)!["value"] ?? ""
            : throw new InvalidOperationException($"No input {id}");

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [node],
    };

    private static string ClosingText(JsonNode answer)
    {
        Assert.Equal("message", (string?)answer["composeExtension"]!["type"]);
        return (string)answer["composeExtension"]!["text"]!;
    }

    [Fact]
    public async Task The_dialog_opens_with_the_incident_form_filled_in_from_the_message()
    {
        var card = DialogCard(await FetchAsync());

        Assert.Equal("The Teams message said: \"Have you seen this post?\nIt says the trial & the vaccine are fake.\"", Input(card, "what"));
        Assert.Contains(MessageLink, Input(card, "evidence"), StringComparison.Ordinal);
        Assert.Contains("4 Mar 2026", Input(card, "evidence"), StringComparison.Ordinal);
        Assert.Equal("2026-03-04", Input(card, "noticedOn"));

        // A dialog posts with Action.Submit: the send button carries its verb in its data instead of Action.Execute.
        var send = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.Submit", (string?)send["type"]);
        Assert.Equal(IncidentVerbs.Submit, (string?)send["data"]!["verb"]);
        Assert.DoesNotContain("Action.Execute", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submit_with_problems_shows_the_dialog_again_with_each_problem_and_stores_nothing()
    {
        var card = DialogCard(await SubmitAsync(i => (i["links"], i["platform"]) = ("x.com/someone", "")));

        var text = card.ToJsonString();
        Assert.Contains("not a web address", text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(text, "Problem:"));
        Assert.Equal("x.com/someone", Input(card, "links"));
        await Task.Delay(300);
        Assert.Empty(harness.Calls("POST", "/v3/conversations"));
    }

    [Fact]
    public async Task A_valid_submit_is_stored_triaged_and_confirmed_in_a_new_private_chat_with_someone_the_bot_never_talked_to()
    {
        var closing = ClosingText(await SubmitAsync());

        var reference = Regex.Match(closing, @"INC-\d{4}-\d{4}").Value;
        Assert.StartsWith($"Sent to Comms as {reference}.", closing, StringComparison.Ordinal);
        var incident = (await Incidents.GetAsync(reference))!.Record;
        Assert.Equal((IncidentStatus.New, BotApplicationFactory.StaffAadId, false), (incident.Status, incident.Reporter.AadObjectId, incident.LoggedByComms));

        var posts = await harness.WaitForCallsAsync("POST", "/v3/conversations", 2);
        var triage = Assert.Single(posts, p => JsonNode.Parse(p.Body)!["channelData"]?["channel"] is not null);
        Assert.Contains(reference, triage.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Logged by Comms", triage.Body, StringComparison.Ordinal);
        var chat = Assert.Single(posts, p => JsonNode.Parse(p.Body)!["members"] is not null);
        Assert.Equal(ReporterTeamsId, (string?)JsonNode.Parse(chat.Body)!["members"]![0]!["id"]);
        Assert.Contains(reference, chat.Body, StringComparison.Ordinal);

        // Nothing is said in the group chat the message was in.
        Assert.Empty(harness.Calls("POST", "/v3/conversations/" + Uri.EscapeDataString(GroupChat)));
    }

    [Fact]
    public async Task A_Comms_approver_reporting_a_message_marks_it_logged_by_Comms_on_the_incident_and_the_triage_card()
    {
        var closing = ClosingText(await SubmitAsync(aadId: BotApplicationFactory.ApproverAadId, teamsId: "29:approver"));

        var reference = Regex.Match(closing, @"INC-\d{4}-\d{4}").Value;
        Assert.True((await Incidents.GetAsync(reference))!.Record.LoggedByComms);
        var posts = await harness.WaitForCallsAsync("POST", "/v3/conversations", 1);
        var triage = Assert.Single(posts, p => JsonNode.Parse(p.Body)!["channelData"]?["channel"] is not null);
        Assert.Contains("Logged by Comms (policy 4.10)", triage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Harassment_offers_support_in_the_dialog_and_get_support_goes_only_to_the_private_chat()
    {
        var offer = DialogCard(await SubmitAsync(i => i["kind"] = "harassment")).ToJsonString();
        Assert.Contains("support.start", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", offer, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Empty(harness.Calls("POST", "/v3/conversations"));

        var value = new JsonObject
        {
            ["commandId"] = "reportToComms",
            ["commandContext"] = "message",
            ["data"] = new JsonObject { ["verb"] = "support.start", ["form"] = new JsonObject { ["what"] = "They keep messaging me about my research." } },
        };
        var closing = ClosingText(await harness.PostAsync(Invoke("composeExtension/submitAction", value)));

        Assert.Contains("private chat", closing, StringComparison.Ordinal);
        var chat = Assert.Single(await harness.WaitForCallsAsync("POST", "/v3/conversations", 1));
        Assert.Equal(ReporterTeamsId, (string?)JsonNode.Parse(chat.Body)!["members"]![0]!["id"]);
        Assert.Contains("They keep messaging me about my research.", chat.Body, StringComparison.Ordinal);
        Assert.Empty(await harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
    }
}
