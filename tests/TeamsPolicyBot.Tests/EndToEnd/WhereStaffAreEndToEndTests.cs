using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using A = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestFields;
using F = TeamsPolicyBot.Workflows.Incidents.IncidentFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// Issue 15, "where staff already are", through the Agents Playground: "Report to Comms" on a channel message and "Find an
/// official account" through the Playground's own invoke API (as its page sends message extension invokes), a form in a
/// Teams dialog (task/fetch and task/submit, which the Playground's API does not send: delivered verbatim, the answer read
/// from its events recording), and a question in plain words in the personal chat.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed partial class WhereStaffAreEndToEndTests(PlaygroundFixture stack) : PlaygroundWorkflowTests(stack)
{
    private const string FetchTask = "composeExtension/fetchTask";
    private const string SubmitAction = "composeExtension/submitAction";

    [Fact]
    public async Task Report_to_Comms_on_a_channel_message_opens_the_form_filled_in_and_its_submit_reaches_the_Comms_channel_and_the_reporter()
    {
        // Sam has the bot in a personal chat, where what follows the dialog goes.
        await SayInPersonalChatAsync("help");
        var words = $"Someone is posting fake exam results under our name: {Guid.NewGuid():N}";
        var posted = await Playground.SendMessageAsync(Tenant.GeneralChannelId, words);
        var message = new JsonObject
        {
            ["id"] = posted.MessageId,
            ["createdDateTime"] = DateTimeOffset.UtcNow.ToString("o"),
            ["linkToMessage"] = $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(Tenant.GeneralChannelId)}/{posted.MessageId}",
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<p>{words}</p>" },
            ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = People.OtherStaff.Id, ["displayName"] = People.OtherStaff.Name } },
        };

        var fetched = await Playground.InvokeExtensionAsync(FetchTask, Tenant.GeneralChannelId, People.Staff.Id, ReportToComms(message));
        var form = DialogCard(fetched, ReportToCommsCommand.DialogTitle);
        Assert.Equal($"The Teams message said: \"{words}\"", InputValues(form)[F.What]);
        Assert.Contains(InputValues(form)[F.Evidence].Split('\n'), line => line == $"Link to the message: {message["linkToMessage"]}");

        var mark = Playground.Mark();
        var inputs = IncidentEndToEndTests.ValidReport(form);
        inputs[F.What] = InputValues(form)[F.What];
        var submit = ReportToComms(message);
        submit["data"] = SubmitData(form, IncidentVerbs.Submit, inputs);
        var closed = await Playground.InvokeExtensionAsync(SubmitAction, Tenant.GeneralChannelId, People.Staff.Id, submit);

        var said = closed.GetProperty("composeExtension");
        Assert.Equal("message", said.GetProperty("type").GetString());
        var reference = IncidentReference().Match(said.GetProperty("text").GetString()!).Value;
        Assert.StartsWith($"Sent to Comms as {reference}.", said.GetProperty("text").GetString(), StringComparison.Ordinal);
        var triage = Content(await NewCommsThreadAsync(mark, "incident report"));
        Assert.Contains(Texts(triage), text => text.Contains(words, StringComparison.Ordinal));
        await PersonalCardAsync(mark, reference, $"Report {reference} sent to Comms");
        // Nothing of it in the channel where the message was: the dialog was Sam's alone.
        Assert.DoesNotContain(Playground.BotEventsSince(mark), e => e.ConversationId?.StartsWith(Tenant.GeneralChannelId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Find_an_official_account_lists_the_register_cards_that_match()
    {
        // Letters and digits only: the card shows the handle as Markdown, where an underscore would be escaped.
        var handle = $"@lshtmE2E{Guid.NewGuid().ToString("N")[..8]}";
        var register = new OfficialAccountRepository(new TableStorage(new TableServiceClient(Stack.TablesConnectionString)));
        var approvedAt = DateTimeOffset.UtcNow.AddDays(-1);
        var request = AccountRequest.Submit("SMA-2026-9915", AccountRequestSamples.Ada, AccountRequestSamples.Details($"platform=instagram|handle={handle}|unitName=Vector Biology Unit"), approvedAt.AddHours(-1))
            .Approve(AccountRequestSamples.Approver, approvedAt).Next!;
        await register.AddFromApprovedRequestAsync(request);

        var answer = await Playground.InvokeExtensionAsync("composeExtension/query", Tenant.PersonalChatId, People.Staff.Id, new JsonObject
        {
            ["commandId"] = FindOfficialAccountCommand.Id,
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = FindOfficialAccountCommand.Parameter, ["value"] = handle }),
            ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
        });

        var result = answer.GetProperty("composeExtension");
        Assert.Equal("result", result.GetProperty("type").GetString());
        var found = Assert.Single(result.GetProperty("attachments").EnumerateArray());
        Assert.Equal($"Instagram · {handle}", found.GetProperty("preview").GetProperty("content").GetProperty("title").GetString());
        var card = found.GetProperty("content");
        Assert.Contains(Texts(card), text => text.Contains(handle, StringComparison.Ordinal));
        Assert.Contains(FindOfficialAccountCommand.OfficialStatus, Texts(card));
    }

    [Fact]
    public async Task A_form_opened_in_a_dialog_shows_the_same_problems_field_by_field_as_in_the_chat_and_stores_nothing()
    {
        var opened = await TaskAsync("task/fetch", new JsonObject
        {
            ["type"] = "task/fetch",
            ["form"] = RequestAccountDialog.FormName,
            ["verb"] = AccountRequestVerbs.Start,
        });
        var form = DialogCard(opened, "Request an official social media account");

        var bad = new JsonObject { [A.Handle] = "@LSHTM_Dialog", [A.SecondAdminEmail] = "not an email" };
        var answered = DialogCard(await TaskAsync("task/submit", SubmitData(form, AccountRequestVerbs.Submit, bad)), "Request an official social media account");

        var inDialog = ProblemsByInput(answered);
        AssertProblemNextTo(answered, A.SecondAdminEmail, AccountRequestValidator.SecondAdminEmailInvalid);
        Assert.Contains(inDialog, p => p.InputId == A.Purpose);
        Assert.DoesNotContain(inDialog, p => p.InputId == A.Handle);
        Assert.Equal("@LSHTM_Dialog", InputValues(answered)[A.Handle]);

        // The same form in the chat, with the same typing: the same problems beside the same fields.
        var chatForm = await SayInPersonalChatAsync("request account");
        var inChat = ProblemsByInput(CardOf(await ClickAsync(chatForm, People.Staff, AccountRequestVerbs.Submit, bad)));
        Assert.Equal(inChat, inDialog);

        // A form name no button sends: a polite close, not an error.
        var unknown = await TaskAsync("task/fetch", new JsonObject { ["form"] = "payroll" });
        Assert.Equal("message", unknown.GetProperty("task").GetProperty("type").GetString());
        Assert.StartsWith("That form is no longer available.", unknown.GetProperty("task").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_in_plain_words_in_the_personal_chat_is_answered_with_the_policy_clauses()
    {
        var answer = Content(await SayInPersonalChatAsync("our account got hacked"));

        Assert.Contains("What the policy says", Texts(answer));
        Assert.Contains("You asked: our account got hacked", Texts(answer));
        Assert.Contains("**Clause 4.18**, Roles and responsibilities", Texts(answer));
    }

    private static JsonObject ReportToComms(JsonObject message) => new()
    {
        ["commandId"] = ReportToCommsCommand.Id,
        ["commandContext"] = "message",
        ["messagePayload"] = message.DeepClone(),
    };

    /// <summary>A dialog invoke from Sam's personal chat, as Teams sends it; returns the bot's answer.</summary>
    private Task<JsonElement> TaskAsync(string name, JsonObject data)
    {
        var invoke = PrivateChatActivity("invoke", People.Staff, Tenant.PersonalChatId);
        invoke["name"] = name;
        invoke["value"] = new JsonObject { ["data"] = data, ["context"] = new JsonObject { ["theme"] = "default" } };
        return InvokeVerbatimAsync(invoke);
    }

    /// <summary>The card of a dialog step that keeps the dialog open, checked to carry this title.</summary>
    private static JsonElement DialogCard(JsonElement answer, string title)
    {
        var task = answer.GetProperty("task");
        Assert.Equal("continue", task.GetProperty("type").GetString());
        Assert.Equal(title, task.GetProperty("value").GetProperty("title").GetString());
        var card = task.GetProperty("value").GetProperty("card");
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        return card.GetProperty("content");
    }

    /// <summary>What a dialog's Action.Submit with this verb sends: its data, with the typed <paramref name="inputs"/> merged in.</summary>
    private static JsonObject SubmitData(JsonElement card, string verb, JsonObject inputs)
    {
        var action = Elements(card).FirstOrDefault(e =>
            e.GetProperty("type").GetString() == "Action.Submit" && e.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object &&
            d.TryGetProperty("verb", out var v) && v.GetString() == verb);
        Assert.True(action.ValueKind == JsonValueKind.Object, $"The dialog has no Action.Submit with verb {verb}.");
        var data = JsonNode.Parse(action.GetProperty("data").GetRawText())!.AsObject();
        foreach (var (name, value) in inputs)
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    [GeneratedRegex(@"INC-\d{4}-\d{4,}")]
    private static partial Regex IncidentReference();
}
