using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>
/// A Comms approver's note on an incident, through the whole app: kept on the incident, shown on the approvers' own view
/// of the triage card only, never on the card the channel sees, never sent to the reporter, never logged.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class IncidentNotesWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Note = "Called the research office; their statement comes at noon (ext 4471).";
    private readonly FakeLogCollector logs = new();
    private WorkflowHarness harness = null!;

    public async Task InitializeAsync() => harness = await WorkflowHarness.StartAsync(azurite, logs: logs);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IIncidents Incidents => harness.App.Services.GetRequiredService<IIncidents>();

    private async Task<string> ReportAsync()
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["noticedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        inputs["submissionId"] = Guid.NewGuid().ToString();
        var answer = await harness.PostAsync(harness.Invoke(IncidentVerbs.Submit, inputs, "29:reporter", BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));
        var reference = Regex.Match(WorkflowHarness.CardText(answer), @"INC-\d{4}-\d{4}").Value;
        await WorkflowHarness.WaitUntilAsync(async () => (await Incidents.GetAsync(reference))?.Record.TriageCard is not null);
        return reference;
    }

    private Task<JsonNode> ClickAsync(string verb, string reference, string aadId, string? note = null)
    {
        var data = new JsonObject { ["reference"] = reference };
        if (note is not null)
        {
            data["note"] = note;
        }

        return harness.PostAsync(harness.Invoke(verb, data, "29:someone", aadId, "Sam Carter", inChannel: true));
    }

    [Fact]
    public async Task A_note_is_kept_and_shown_on_the_approvers_own_view_only_and_goes_nowhere_else()
    {
        var reference = await ReportAsync();

        var answer = await ClickAsync(IncidentVerbs.Note, reference, BotApplicationFactory.ApproverAadId, Note);

        Assert.True(WorkflowHarness.IsCard(answer));
        Assert.Contains("Note from Sam Carter, ", WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        Assert.Contains(Note, WorkflowHarness.CardText(answer), StringComparison.Ordinal);
        Assert.Equal(Note, Assert.Single((await Incidents.GetAsync(reference))!.Record.Notes).Text);

        // The channel card is replaced for everyone: its history says a note was added, never what it says.
        var update = (await harness.WaitForCallsAsync("PUT", "/v3/conversations", 1))[^1];
        Assert.Contains("Note added for the Comms team", update.Body, StringComparison.Ordinal);

        var approversView = WorkflowHarness.CardText(await ClickAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.ApproverAadId));
        var othersView = WorkflowHarness.CardText(await ClickAsync(IncidentVerbs.Refresh, reference, BotApplicationFactory.SeniorManagerAadId));
        Assert.Contains(Note, approversView, StringComparison.Ordinal);
        Assert.Contains("vaccine trial", othersView, StringComparison.Ordinal);
        Assert.DoesNotContain("ext 4471", othersView, StringComparison.Ordinal);

        // Nothing the bot sent anywhere (the reporter's chat, the channel, the thread) carries it, and no log line does.
        await Task.Delay(300);
        Assert.DoesNotContain(harness.Connector.Requests, call => call.Body.Contains("ext 4471", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), line => (line.Message + line.Exception).Contains("ext 4471", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_outside_the_Comms_team_is_refused_and_the_card_stays_as_it_is()
    {
        var reference = await ReportAsync();

        var answer = await ClickAsync(IncidentVerbs.Note, reference, BotApplicationFactory.SeniorManagerAadId, Note);

        Assert.False(WorkflowHarness.IsCard(answer));
        Assert.Equal(IncidentTriage.NotATriager, answer["value"]!.GetValue<string>());
        Assert.Empty((await Incidents.GetAsync(reference))!.Record.Notes);
        await Task.Delay(300);
        Assert.Empty(harness.Calls("PUT", "/v3/conversations"));
    }

    [Fact]
    public async Task An_empty_note_gets_a_clear_answer_and_nothing_is_kept()
    {
        var reference = await ReportAsync();

        var answer = await ClickAsync(IncidentVerbs.Note, reference, BotApplicationFactory.ApproverAadId, "  ");

        Assert.Equal("Type your note, then select Save note again.", answer["value"]!.GetValue<string>());
        var stored = (await Incidents.GetAsync(reference))!.Record;
        Assert.Empty(stored.Notes);
        Assert.Single(stored.Audit);
    }
}
