using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>The read paths an outside review found open (issue 18), and the self rules, each through the whole app.</summary>
[Collection(AzuriteTests.Name)]
public sealed class WhoSeesWhatRegressionTests(AzuriteFixture azurite) : WhoSeesWhatTestBase(azurite)
{
    [Fact]
    public async Task Incident_refresh_with_someone_elses_reference_answers_a_refusal_without_the_reporter_or_what_happened()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();

        var stranger = await ClickAsync(Stranger, IncidentVerbs.Refresh, new { reference = records.Incident.Reference });
        var approver = await ClickAsync(Approver, IncidentVerbs.Refresh, new { reference = records.Incident.Reference });

        ShowsNothingOf(RecordKind.Incident, stranger, "a stranger's refresh");
        Assert.Equal(Visibility.NotFound(RecordKind.Incident), Text(stranger));
        Assert.Equal(Visibility.NotFound(RecordKind.Incident), Text(await ClickAsync(Stranger, IncidentVerbs.Refresh, new { reference = "INC-2026-9999" })));
        Assert.Contains("vaccine trial", Text(approver), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_request_refresh_with_someone_elses_reference_answers_a_refusal_without_the_purpose_or_the_administrators()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();

        var stranger = await ClickAsync(Stranger, AccountRequestVerbs.Refresh, new { reference = records.Request.Reference });
        var colleagueInTheChannel = await ClickAsync(Colleague, AccountRequestVerbs.Refresh, new { reference = records.Request.Reference });

        ShowsNothingOf(RecordKind.AccountRequest, stranger, "a stranger's refresh");
        Assert.DoesNotContain("Share the centre", Text(stranger), StringComparison.Ordinal);
        Assert.Contains("Malaria Centre", Text(colleagueInTheChannel), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountRequestVerbs.Approve, Text(colleagueInTheChannel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_case_message_from_the_person_answers_the_problem_only_never_the_case_handlers_case_card()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        var referrals = Service<ISupportReferrals>();
        var handedOver = (await referrals.ApplyAsync(
            records.Referral.Reference,
            r => r.HandOver(new Actor(Owner.AadId, Owner.Name), new Actor(OtherHandler.AadId, OtherHandler.Name), "She prefers afternoons", DateTimeOffset.UtcNow), CancellationToken.None)).Changed!;

        var answer = await ClickAsync(Starter, SupportVerbs.Message, new { reference = handedOver.Reference, message = "" });
        var ownersOwn = await ClickAsync(OtherHandler with { InChannel = false }, SupportVerbs.Message, new { reference = handedOver.Reference, message = "" });

        Assert.False(IsCard(answer), Text(answer));
        foreach (var secret in new[] { "afternoons", "Alex Chen", "home street", SupportVerbs.Close, SupportVerbs.HandOver })
        {
            Assert.DoesNotContain(secret, Text(answer), StringComparison.OrdinalIgnoreCase);
        }

        // The case handler who has the case still gets their case card back with the problem on it.
        Assert.True(IsCard(ownersOwn));
        Assert.Contains("afternoons", Text(ownersOwn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_hand_over_the_previous_case_handlers_case_card_and_relayed_replies_are_replaced_without_the_details()
    {
        // Every message the bot sends gets its own id, so each card the case handler was sent can be told apart.
        await StartAsync(map: endpoints => endpoints.MapPost("/v3/conversations/{conversation}/activities", () => Results.Json(new { id = Guid.NewGuid().ToString("N") })));
        var referral = await NewReferralAsync(Starter);
        const string OwnerChat = "/v3/conversations/a%3Aowner/activities";

        await ClickAsync(Owner with { InChannel = true }, SupportVerbs.Take, new { reference = referral.Reference });
        await ClickAsync(Starter, SupportVerbs.Reply, new { reference = referral.Reference, message = "They found my home street again.", draftId = Guid.NewGuid().ToString() });
        await harness.WaitForCallsAsync("POST", OwnerChat, 3);
        await WorkflowHarness.WaitUntilAsync(async () => (await Service<ISupportReferrals>().GetAsync(referral.Reference))!.Record.CaseCards.Count == 2);
        var handOver = await ClickAsync(Owner, SupportVerbs.HandOver, new { reference = referral.Reference, handOverTo = OtherHandler.AadId, handOverNote = "She prefers afternoons", draftId = Guid.NewGuid().ToString() });

        var replaced = await harness.WaitForCallsAsync("PUT", OwnerChat + "/", 2);
        Assert.Equal(2, replaced.Select(put => put.PathAndQuery).Distinct().Count());
        foreach (var card in replaced.Select(put => put.Body).Append(Text(handOver)))
        {
            Assert.Contains("over to Riley Brooks", card, StringComparison.Ordinal);
            foreach (var secret in new[] { "home street", "afternoons", "Priya", "Alex Chen", "angry_reader" })
            {
                Assert.DoesNotContain(secret, card, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task An_invalid_resubmission_with_someone_elses_reference_comes_back_without_comms_decision_or_the_deciders_name()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        const string ChangesAsked = "Please name a second administrator from your own unit.";
        await Service<IAccountRequests>().ApplyAsync(
            records.Request.Reference,
            r => r.RequestChanges(new Actor(Approver.AadId, Approver.Name), ChangesAsked, DateTimeOffset.UtcNow), CancellationToken.None);
        var invalid = AccountForm(Guid.NewGuid().ToString());
        invalid["reference"] = records.Request.Reference;
        invalid["purpose"] = "";

        var stranger = Text(await ClickAsync(Stranger, AccountRequestVerbs.Submit, invalid));
        var requester = Text(await ClickAsync(Starter, AccountRequestVerbs.Submit, invalid));

        Assert.DoesNotContain(ChangesAsked, stranger, StringComparison.Ordinal);
        Assert.DoesNotContain(Approver.Name, stranger, StringComparison.Ordinal);
        Assert.DoesNotContain(records.Request.Reference, stranger, StringComparison.Ordinal);
        Assert.Contains(ChangesAsked, requester, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replaying_someone_elses_submission_id_shows_nothing_of_their_request_report_or_referral()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();

        var account = await ClickAsync(Stranger, AccountRequestVerbs.Submit, AccountForm(records.Request.SubmissionId!));
        var incident = await ClickAsync(Stranger, IncidentVerbs.Submit, IncidentForm(records.Incident.SubmissionId!));
        var referral = await ClickAsync(Stranger, SupportVerbs.Confirm, SupportConfirmation(records.Referral.SubmissionId!));

        foreach (var (kind, answer) in new[] { (RecordKind.AccountRequest, account), (RecordKind.Incident, incident), (RecordKind.SupportReferral, referral) })
        {
            ShowsNothingOf(kind, answer, $"{kind} replayed by a stranger");
            Assert.Equal(Visibility.FormAlreadyUsed, Text(answer));
        }

        // Nothing new was made for them either, and the person who sent it still gets their own confirmation on a retry.
        Assert.Contains(records.Referral.Reference, Text(await ClickAsync(Starter, SupportVerbs.Confirm, SupportConfirmation(records.Referral.SubmissionId!))), StringComparison.Ordinal);
        Assert.Contains(records.Incident.Reference, Text(await ClickAsync(Starter, IncidentVerbs.Submit, IncidentForm(records.Incident.SubmissionId!))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_handler_cannot_take_a_referral_they_asked_for_themselves_nor_see_take_case_on_it()
    {
        await StartAsync();
        var theirOwn = await NewReferralAsync(OtherHandler);

        var refresh = Text(await ClickAsync(OtherHandler, SupportVerbs.Refresh, new { reference = theirOwn.Reference }));
        var take = Text(await ClickAsync(OtherHandler, SupportVerbs.Take, new { reference = theirOwn.Reference }));
        var colleague = Text(await ClickAsync(Owner with { InChannel = true }, SupportVerbs.Refresh, new { reference = theirOwn.Reference }));

        Assert.DoesNotContain(SupportVerbs.Take, refresh, StringComparison.Ordinal);
        Assert.Equal(SupportReferral.OwnReferralRefusal, take);
        Assert.Contains(SupportVerbs.Take, colleague, StringComparison.Ordinal);
        Assert.Null((await Service<ISupportReferrals>().GetAsync(theirOwn.Reference))!.Record.Handler);
    }

    [Fact]
    public async Task An_approver_may_take_an_incident_they_reported_but_not_resolve_it()
    {
        await StartAsync();
        var theirOwn = await NewIncidentAsync(Approver);

        var take = await ClickAsync(Approver, IncidentVerbs.Take, new { reference = theirOwn.Reference });
        var resolve = await ClickAsync(Approver, IncidentVerbs.Resolve, new { reference = theirOwn.Reference, outcome = "noAction" });

        Assert.True(IsCard(take), Text(take));
        Assert.Equal(Incident.OwnReportRefusal, Text(resolve));
        Assert.Equal(IncidentStatus.Taken, (await Service<IIncidents>().GetAsync(theirOwn.Reference))!.Record.Status);
    }
}
