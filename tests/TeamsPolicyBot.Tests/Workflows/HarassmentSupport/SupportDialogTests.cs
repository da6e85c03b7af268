using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>
/// "Get support with harassment" on the welcome card in a Teams dialog, opened from a group chat: each step is the
/// dialog's next card, the send stores one referral as the chat does, and everything that follows goes to the person's
/// own chat (policy 4.11), never to the group chat the welcome card was in.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportDialogTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    private const string Title = "Get support with harassment";

    [Fact]
    public async Task Each_step_is_the_dialogs_next_card_and_the_send_confirms_in_the_personal_chat_not_the_group_chat()
    {
        await StartAsync(managerInDirectory: true);
        await SayHiAsync(PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", WorkflowHarness.PersonalChat, PersonChatPath);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);

        var warm = Continued(await DialogAsync("task/fetch", new JsonObject { ["form"] = SupportDialog.FormName, ["verb"] = SupportVerbs.Start, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } }));
        Assert.Contains("Is this happening to you, or to a colleague?", warm.ToJsonString(), StringComparison.Ordinal);

        // In a dialog the support card's Action.Execute buttons post back to the dialog as Action.Submit.
        var colleague = Continued(await DialogAsync("task/submit", ButtonData(warm, SupportVerbs.Colleague)));
        Assert.Contains("Supporting a colleague", colleague.ToJsonString(), StringComparison.Ordinal);
        var incidentForm = Continued(await DialogAsync("task/submit", ButtonData(colleague, IncidentVerbs.Start)), "Report a social media incident");
        Assert.Contains(IncidentVerbs.Submit, incidentForm.ToJsonString(), StringComparison.Ordinal);

        var form = Continued(await DialogAsync("task/submit", ButtonData(warm, SupportVerbs.Form)));
        var review = ButtonData(form, SupportVerbs.Review);

        // A problem: the form again, in the dialog, with the problem beside its field and the typing kept.
        var withProblem = Continued(await DialogAsync("task/submit", With(review, Inputs("", i => i["managerSharing"] = ""))));
        Assert.Contains("Problem:", withProblem.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("home street", withProblem.ToJsonString(), StringComparison.Ordinal);

        var check = Continued(await DialogAsync("task/submit", With(ButtonData(withProblem, SupportVerbs.Review), Inputs(""))));
        Assert.Contains("Your line manager, Alex Morgan**: only that you asked for support", check.ToJsonString(), StringComparison.Ordinal);

        // Closing the dialog here sends Teams nothing: nothing is stored and nobody is told before "Send my request".
        await Task.Delay(200);
        Assert.Empty(await MineAsync());
        Assert.Empty(ChannelThreads());
        Assert.Single(harness.Calls("POST", PersonChatPath));

        var send = ButtonData(check, SupportVerbs.Confirm);
        var closed = await DialogAsync("task/submit", send);
        var text = Closed(closed);
        Assert.StartsWith("Sent confidentially to the Comms case handlers as HSR-", text, StringComparison.Ordinal);
        Assert.Contains("private chat", text, StringComparison.Ordinal);
        NamesNothingTyped(closed);

        var reference = ReferenceIn(text);
        var stored = (await Referrals.GetAsync(reference))!.Record;
        Assert.Equal((BotApplicationFactory.StaffAadId, ManagerAadId, ReferralStatus.New), (stored.Person.AadObjectId, stored.Manager.AadObjectId, stored.Status));
        Assert.Equal(reference, Assert.Single(await MineAsync()).Reference);

        var confirmation = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1];
        Assert.Contains(reference, confirmation.Body, StringComparison.Ordinal);
        Assert.Contains("Your request is with us", confirmation.Body, StringComparison.Ordinal);
        var channel = Assert.Single(await WaitForChannelThreadAsync());
        Assert.Contains(reference, channel.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets, secret => channel.Body.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("asked for support", (await harness.WaitForCallsAsync("POST", ManagerChatPath, 2))[1].Body, StringComparison.Ordinal);

        // Teams retried the send: the same reference, nothing stored or sent twice.
        Assert.Equal(reference, ReferenceIn(Closed(await DialogAsync("task/submit", send))));
        await Task.Delay(300);
        Assert.Single(await MineAsync());
        Assert.Equal(2, harness.Calls("POST", PersonChatPath).Length);
        Assert.Single(ChannelThreads());
        Assert.DoesNotContain(harness.Connector.Requests, call => call.PathAndQuery.Contains("group-chat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forged_support_steps_in_a_dialog_get_a_polite_close_with_nothing_of_anyone_elses_request()
    {
        await StartAsync(managerInDirectory: false);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var sent = Closed(await DialogAsync("task/submit", With(Confirmation(submissionId, Inputs(submissionId, i => i["managerSharing"] = "talkFirst")), verb: SupportVerbs.Confirm)));
        var reference = ReferenceIn(sent);
        Assert.NotEmpty(reference);

        // A case handler replays Priya's submission id from their own dialog: not theirs to see.
        var replayed = await DialogAsync("task/submit", With(Confirmation(submissionId, Inputs(submissionId, i => i["managerSharing"] = "talkFirst")), verb: SupportVerbs.Confirm), HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter");
        Assert.Equal(Visibility.FormAlreadyUsed, Closed(replayed));
        NamesNothingTyped(replayed);
        Assert.DoesNotContain(reference, replayed.ToJsonString(), StringComparison.Ordinal);

        // A case handler's verbs, a step no button sends, a form name no button opens: a polite close, never a card.
        foreach (var verb in new[] { SupportVerbs.Take, SupportVerbs.Close, SupportVerbs.Message, SupportVerbs.Withdraw, SupportVerbs.Start, "support.payroll" })
        {
            var answer = await DialogAsync("task/submit", new JsonObject { ["verb"] = verb, ["reference"] = reference }, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter");
            Assert.Equal("message", (string?)answer["task"]?["type"]);
            NamesNothingTyped(answer);
        }

        var forgedFetch = await DialogAsync("task/fetch", new JsonObject { ["form"] = "Support", ["reference"] = reference });
        Assert.Equal("message", (string?)forgedFetch["task"]?["type"]);

        // Opened with someone's reference in its data: the empty support card, nothing of theirs.
        var opened = await DialogAsync("task/fetch", new JsonObject { ["form"] = SupportDialog.FormName, ["reference"] = reference }, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter");
        Assert.Equal("continue", (string?)opened["task"]?["type"]);
        NamesNothingTyped(opened);
        Assert.Single(await MineAsync());
    }

    private Task<JsonNode> DialogAsync(string name, JsonObject data, string teamsId = PersonTeamsId, string aadId = BotApplicationFactory.StaffAadId, string person = "Priya Shah") =>
        harness.PostAsync(harness.ExtensionInvoke(name, new JsonObject { ["data"] = data.DeepClone() }, teamsId, aadId, person));

    private Task<IReadOnlyList<MyRequestItem>> MineAsync() =>
        harness.App.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId);

    /// <summary>The card of a step that keeps the dialog open, checked to carry <paramref name="title"/>.</summary>
    private static JsonObject Continued(JsonNode answer, string title = Title)
    {
        Assert.True((string?)answer["task"]?["type"] == "continue", $"Expected the dialog to stay open: {answer.ToJsonString()}");
        Assert.Equal(title, (string?)answer["task"]!["value"]!["title"]);
        return answer["task"]!["value"]!["card"]!["content"]!.AsObject();
    }

    private static string Closed(JsonNode answer)
    {
        Assert.True((string?)answer["task"]?["type"] == "message", $"Expected the dialog to close: {answer.ToJsonString()}");
        return (string)answer["task"]!["value"]!;
    }

    /// <summary>What the dialog's button with <paramref name="verb"/> posts (an Action.Submit: nothing may be left as Action.Execute).</summary>
    private static JsonObject ButtonData(JsonObject card, string verb)
    {
        Assert.DoesNotContain("Action.Execute", card.ToJsonString(), StringComparison.Ordinal);
        var action = Descendants(card).Single(node => (string?)node["type"] == "Action.Submit" && (string?)node["data"]?["verb"] == verb);
        return action["data"]!.DeepClone().AsObject();
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(property => Descendants(property.Value))),
        JsonArray array => array.SelectMany(Descendants),
        _ => [],
    };

    /// <summary>The button's data with the inputs merged in, as Teams sends an Action.Submit.</summary>
    private static JsonObject With(JsonObject data, Dictionary<string, string?>? inputs = null, string? verb = null)
    {
        var merged = data.DeepClone().AsObject();
        foreach (var (name, value) in inputs ?? [])
        {
            if (name != "submissionId")
            {
                merged[name] = value;
            }
        }

        if (verb is not null)
        {
            merged["verb"] = verb;
        }

        return merged;
    }

    private static void NamesNothingTyped(JsonNode answer)
    {
        var text = answer.ToJsonString();
        Assert.DoesNotContain(Secrets, secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
