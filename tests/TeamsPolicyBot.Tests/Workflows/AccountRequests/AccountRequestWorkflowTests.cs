using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

/// <summary>
/// The account request workflow through the whole app: invokes in over /api/messages, Azurite
/// for the records, the real outbox worker sending to a fake connector on loopback.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AccountRequestWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string RequesterTeamsId = "29:requester";
    private const string ApproverTeamsId = "29:approver";
    private const string RequesterEmail = "ada.lovelace@example.ac.uk";
    private const string SecondAdminAadId = "a1b2c3d4-e5f6-4789-8abc-def012345678";
    private WorkflowHarness harness = null!;

    private WebApplicationFactory<Program> app => harness.App;

    public async Task InitializeAsync() =>
        harness = await WorkflowHarness.StartAsync(azurite, endpoints =>
            endpoints.MapGet("/v3/conversations/{conversation}/members/{member}", (string member) => member == SecondAdminAadId
                ? Results.Json(new { id = "29:second-admin", aadObjectId = SecondAdminAadId, name = "Amadou Jallow", email = "amadou.jallow@example.ac.uk" })
                : Results.Json(new { id = RequesterTeamsId, email = RequesterEmail })));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private JsonObject Invoke(string verb, object data, string fromTeamsId, string fromAadId, string fromName, bool inChannel) =>
        harness.Invoke(verb, data, fromTeamsId, fromAadId, fromName, inChannel);

    private Task<JsonNode> PostAsync(JsonObject activity) => harness.PostAsync(activity);

    private Task<JsonNode> SubmitAsync(Dictionary<string, string?> inputs) =>
        PostAsync(Invoke(AccountRequestVerbs.Submit, inputs, RequesterTeamsId, BotApplicationFactory.StaffAadId, "Ada Lovelace", inChannel: false));

    private Task<JsonNode> DecideAsync(string verb, string reference, string aadId, object? extra = null)
    {
        var data = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        data["reference"] = reference;
        data["version"] = 1;
        return PostAsync(Invoke(verb, data, ApproverTeamsId, aadId, "Morgan Reid", inChannel: true));
    }

    private static Dictionary<string, string?> ValidForm(string submissionId)
    {
        var inputs = AccountRequestSamples.ValidInputs();
        inputs["submissionId"] = submissionId;
        return inputs;
    }

    private RecordedRequest[] Calls(string method, string pathStart) => harness.Calls(method, pathStart);

    private Task<RecordedRequest[]> WaitForCallsAsync(string method, string pathStart, int count) => harness.WaitForCallsAsync(method, pathStart, count);

    private static string CardText(JsonNode invokeAnswer) => WorkflowHarness.CardText(invokeAnswer);

    private static string ReferenceIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"SMA-\d{4}-\d{4}").Value;

    private async Task<string> SubmitValidRequestAsync()
    {
        var answer = await SubmitAsync(ValidForm(Guid.NewGuid().ToString()));
        var reference = ReferenceIn(CardText(answer));
        Assert.NotEmpty(reference);
        await WaitForCallsAsync("POST", "/v3/conversations", 1);
        await WaitForLocationAsync(reference);
        return reference;
    }

    private async Task WaitForLocationAsync(string reference)
    {
        var requests = app.Services.GetRequiredService<IAccountRequests>();
        await WorkflowHarness.WaitUntilAsync(async () => (await requests.GetAsync(reference))?.Record.ApprovalCard is not null);
    }

    [Fact]
    public async Task A_valid_request_is_stored_pending_and_posted_as_a_new_thread_in_the_Comms_channel()
    {
        var answer = await SubmitAsync(ValidForm(Guid.NewGuid().ToString()));

        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        var reference = ReferenceIn(CardText(answer));
        var stored = await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference);
        Assert.Equal(AccountRequestStatus.Pending, stored!.Record.Status);
        Assert.Equal(RequesterEmail, stored.Record.Requester.Email);

        var post = Assert.Single(await WaitForCallsAsync("POST", "/v3/conversations", 1));
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal("19:comms-approvals@thread.tacv2", body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Contains(reference, body["activity"]!.ToJsonString(), StringComparison.Ordinal);

        var mine = await app.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId);
        Assert.Equal(reference, Assert.Single(mine).Reference);
    }

    [Fact]
    public async Task An_invalid_form_comes_back_with_the_problems_and_the_typed_values_and_nothing_is_stored_or_sent()
    {
        var inputs = ValidForm(Guid.NewGuid().ToString());
        inputs["handle"] = "   ";
        inputs["secondAdminEmail"] = RequesterEmail.ToUpperInvariant();

        var answer = await SubmitAsync(inputs);

        var card = CardText(answer);
        Assert.Contains("Problem:", card, StringComparison.Ordinal);
        Assert.Contains("Researchers, funders and the public.", card, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId));
        await Task.Delay(300);
        Assert.Empty(Calls("POST", "/v3/conversations"));
    }

    [Fact]
    public async Task The_same_form_submitted_twice_makes_one_request_and_one_channel_card()
    {
        var inputs = ValidForm(Guid.NewGuid().ToString());

        var first = ReferenceIn(CardText(await SubmitAsync(inputs)));
        var second = ReferenceIn(CardText(await SubmitAsync(inputs)));

        Assert.Equal(first, second);
        await WaitForCallsAsync("POST", "/v3/conversations", 1);
        await Task.Delay(300);
        Assert.Single(Calls("POST", "/v3/conversations"));
    }

    [Fact]
    public async Task A_second_administrator_chosen_with_the_people_picker_is_named_on_the_request()
    {
        var inputs = ValidForm(Guid.NewGuid().ToString());
        inputs["secondAdmin"] = SecondAdminAadId;
        inputs["secondAdminEmail"] = "";

        var reference = ReferenceIn(CardText(await SubmitAsync(inputs)));

        var secondAdmin = (await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference))!.Record.Details.SecondAdmin;
        Assert.Equal(("Amadou Jallow", "amadou.jallow@example.ac.uk"), (secondAdmin.Name, secondAdmin.Email));
        var post = Assert.Single(await WaitForCallsAsync("POST", "/v3/conversations", 1));
        Assert.Contains("Amadou Jallow", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_is_not_an_approver_is_told_so_and_the_card_does_not_change()
    {
        var reference = await SubmitValidRequestAsync();

        var answer = await DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.SeniorManagerAadId);

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains("Only the Comms team", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(AccountRequestStatus.Pending, (await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference))!.Record.Status);
        Assert.Empty(Calls("PUT", "/v3/conversations"));
    }

    [Fact]
    public async Task A_note_is_kept_and_shown_on_the_approvers_own_view_only_and_never_reaches_the_requester()
    {
        var reference = await SubmitValidRequestAsync();
        const string note = "Checked the register: no other account for this unit (ref R-5521).";

        var answer = await DecideAsync(AccountRequestVerbs.Note, reference, BotApplicationFactory.ApproverAadId, new { note });

        Assert.Contains("Note from Morgan Reid, ", CardText(answer), StringComparison.Ordinal);
        Assert.Contains(note, CardText(answer), StringComparison.Ordinal);
        var stored = (await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference))!.Record;
        Assert.Equal((note, AccountRequestStatus.Pending), (Assert.Single(stored.Notes).Text, stored.Status));

        // The card is replaced for everyone (so Teams refreshes each approver's view): its history says only that a note was added.
        var update = (await WaitForCallsAsync("PUT", "/v3/conversations", 1))[^1];
        Assert.Contains("Note added for the Comms team", update.Body, StringComparison.Ordinal);
        Assert.Contains(note, CardText(await DecideAsync(AccountRequestVerbs.Refresh, reference, BotApplicationFactory.ApproverAadId)), StringComparison.Ordinal);
        Assert.DoesNotContain("R-5521", CardText(await DecideAsync(AccountRequestVerbs.Refresh, reference, BotApplicationFactory.SeniorManagerAadId)), StringComparison.Ordinal);

        // Deciding afterwards tells the requester the decision, and nothing of the note.
        await DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.ApproverAadId);
        await WaitForCallsAsync("POST", "/v3/conversations/a%3Arequester-chat/activities", 1);
        await Task.Delay(300);
        Assert.DoesNotContain(harness.Connector.Requests, call => call.Body.Contains("R-5521", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_from_someone_outside_the_Comms_team_is_refused_and_the_card_does_not_change()
    {
        var reference = await SubmitValidRequestAsync();

        var answer = await DecideAsync(AccountRequestVerbs.Note, reference, BotApplicationFactory.SeniorManagerAadId, new { note = "Looks fine to me." });

        Assert.Equal(AccountRequestNotes.NotAnApprover, answer["value"]!.GetValue<string>());
        Assert.Empty((await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference))!.Record.Notes);
        await Task.Delay(300);
        Assert.Empty(Calls("PUT", "/v3/conversations"));
    }

    [Fact]
    public async Task An_approval_updates_the_channel_card_in_place_tells_the_requester_and_adds_the_official_account()
    {
        var reference = await SubmitValidRequestAsync();

        var answer = await DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.ApproverAadId);

        Assert.Contains("Approved by Morgan Reid", CardText(answer), StringComparison.Ordinal);
        var update = Assert.Single(await WaitForCallsAsync("PUT", "/v3/conversations", 1));
        Assert.EndsWith($"/activities/9001", update.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("Approved by Morgan Reid", update.Body, StringComparison.Ordinal);

        var notice = Assert.Single(await WaitForCallsAsync("POST", "/v3/conversations/a%3Arequester-chat/activities", 1));
        Assert.Contains(reference, notice.Body, StringComparison.Ordinal);

        var account = await app.Services.GetRequiredService<IOfficialAccounts>().GetAsync(reference);
        Assert.NotNull(account);
        Assert.Contains($"Your first audit is due by **{CardDates.Date(account.NextAuditDue)}**", notice.Body, StringComparison.Ordinal); // the register's date
        Assert.Equal("Approved", Assert.Single(await app.Services.GetRequiredService<IMyRequests>().ListAsync(BotApplicationFactory.StaffAadId)).Status);
    }

    [Fact]
    public async Task Two_approvers_clicking_at_once_make_one_decision_and_one_notice()
    {
        var reference = await SubmitValidRequestAsync();

        var answers = await Task.WhenAll(
            DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.ApproverAadId),
            DecideAsync(AccountRequestVerbs.Reject, reference, BotApplicationFactory.ApproverAadId, new { rejectReason = "duplicate" }));

        Assert.Single(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive");
        var refused = Assert.Single(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message");
        Assert.Contains("Morgan Reid", refused["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await WaitForCallsAsync("POST", "/v3/conversations/a%3Arequester-chat/activities", 1);
        await Task.Delay(300);
        Assert.Single(Calls("POST", "/v3/conversations/a%3Arequester-chat/activities"));
        var audit = (await app.Services.GetRequiredService<IAccountRequests>().GetAsync(reference))!.Record.Audit;
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task A_decision_saved_just_before_a_crash_is_still_announced_once_when_the_click_is_retried()
    {
        var reference = await SubmitValidRequestAsync();
        var requests = app.Services.GetRequiredService<IAccountRequests>();
        var stored = (await requests.GetAsync(reference))!;
        var approved = stored.Record.Approve(new Actor(BotApplicationFactory.ApproverAadId, "Morgan Reid"), DateTimeOffset.UtcNow).Next!;
        Assert.IsType<SaveResult.Saved>(await requests.SaveAsync(approved, stored.ETag));

        // Teams retries the click the crashed bot never answered, twice.
        var retried = await DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.ApproverAadId);
        await DecideAsync(AccountRequestVerbs.Approve, reference, BotApplicationFactory.ApproverAadId);

        Assert.Contains("already approved", retried["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await WaitForCallsAsync("POST", "/v3/conversations/a%3Arequester-chat/activities", 1);
        await WaitForCallsAsync("PUT", "/v3/conversations", 1);
        await Task.Delay(300);
        Assert.Single(Calls("POST", "/v3/conversations/a%3Arequester-chat/activities"));
        Assert.Single(Calls("PUT", "/v3/conversations"));
        Assert.NotNull(await app.Services.GetRequiredService<IOfficialAccounts>().GetAsync(reference));
    }

    [Fact]
    public async Task Only_the_requester_can_withdraw_and_the_channel_card_then_shows_it_withdrawn()
    {
        var reference = await SubmitValidRequestAsync();

        var byApprover = await DecideAsync(AccountRequestVerbs.Withdraw, reference, BotApplicationFactory.ApproverAadId);
        var byRequester = await PostAsync(Invoke(AccountRequestVerbs.Withdraw, new { reference }, RequesterTeamsId, BotApplicationFactory.StaffAadId, "Ada Lovelace", inChannel: false));

        Assert.Equal("application/vnd.microsoft.activity.message", byApprover["type"]!.GetValue<string>());
        Assert.Contains("Withdrawn", CardText(byRequester), StringComparison.Ordinal);
        var update = Assert.Single(await WaitForCallsAsync("PUT", "/v3/conversations", 1));
        Assert.Contains("Withdrawn by the requester", update.Body, StringComparison.Ordinal);
    }
}
