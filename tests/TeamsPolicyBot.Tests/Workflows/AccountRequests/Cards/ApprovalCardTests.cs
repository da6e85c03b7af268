using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

public sealed class ApprovalCardTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 26, 9, 40, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Decided = new(2026, 11, 26, 14, 5, 0, TimeSpan.Zero);

    private static readonly RequestFormValues Form = SampleRequest.Form;

    private static ApprovalCard Pending(int version = 2) => ApprovalCard.ForRequest("SMA-2026-0042", version, "Pending", "Priya Shah", Sent, Form, "Amadou Jallow");

    [Fact]
    public void An_approver_sees_Approve_Reject_and_Ask_for_changes_each_posting_the_reference_and_version()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { ShowDecisionActions = true });

        Assert.Equal(["Approve", "Reject", "Ask for changes"], card.TopLevelActionTitles());
        var actions = card.ExecuteActions().Where(action => action.Key != "accountRequest.refresh").ToDictionary();
        Assert.Equal(["accountRequest.approve", "accountRequest.reject", "accountRequest.requestChanges"], actions.Keys.Order(StringComparer.Ordinal));
        Assert.All(actions.Values, action => JsonAssert.Equal("""{ "reference": "SMA-2026-0042", "version": 2 }""", action["data"]));
        var inputs = card.Inputs();
        Assert.Equal(["changesMessage", "rejectDetails", "rejectReason"], inputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AccountRequestCardText.RejectReasons.Keys, inputs["rejectReason"]["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.True((bool?)inputs["changesMessage"]["isRequired"]);
        Assert.Equal(1000, (int?)inputs["changesMessage"]["maxLength"]);
        Assert.Equal(500, (int?)inputs["rejectDetails"]["maxLength"]);
    }

    [Fact]
    public void Everyone_else_sees_a_pending_card_without_actions()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Approval, Pending());

        Assert.Empty(card.TopLevelActionTitles());
        Assert.Empty(card.Inputs());
        Assert.Single(card.Texts(), text => text == "Waiting for a decision from the Comms team.");
        Assert.Contains("Status: Pending", card.Texts());
        Assert.Contains("Version 2", card.Texts());
    }

    [Fact]
    public void The_first_version_does_not_say_version()
    {
        Assert.DoesNotContain(RenderedCard.Of(AccountRequestCardNames.Approval, Pending(version: 1)).Texts(), text => text.StartsWith("Version", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decided_card_shows_the_outcome_and_offers_no_actions_even_to_an_approver()
    {
        var decided = Pending() with
        {
            Status = "Rejected",
            ShowDecisionActions = true,
            Outcome = ApprovalOutcome.Rejected("Sam Carter", Decided, "reputationalRisk", "Too close to *another* account"),
        };

        var card = RenderedCard.Of(AccountRequestCardNames.Approval, decided);

        Assert.False(decided.ShowDecisionActions);
        Assert.Empty(card.TopLevelActionTitles());
        Assert.Equal(["accountRequest.refresh"], card.ExecuteActions().Keys);
        Assert.Contains("Rejected by Sam Carter on 26 Nov 2026 at 14:05", card.Texts());
        Assert.Contains(@"**Reason:** Reputational risk (4.2): Too close to \*another\* account", card.Texts());
        Assert.Contains("Status: Rejected", card.Texts());
        Assert.DoesNotContain("Waiting for a decision from the Comms team.", card.Texts());
    }

    [Fact]
    public void Approved_outcomes_say_by_whom_and_when_in_UK_time()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { Status = "Approved", Outcome = ApprovalOutcome.Approved("Sam Carter", new DateTimeOffset(2026, 7, 1, 13, 5, 0, TimeSpan.Zero)) });

        Assert.Contains("Approved by Sam Carter on 1 Jul 2026 at 14:05", card.Texts());
        Assert.Equal("good", (string?)card.OfType("Container").Single(c => c.ToJsonString().Contains("Approved by", StringComparison.Ordinal) && c["bleed"] is null)["style"]);
    }

    [Fact]
    public void What_the_requester_typed_shows_as_literal_text_not_a_link()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Approval, ApprovalCard.ForRequest("SMA-2026-0042", 1, "Pending", "Priya [Admin](https://evil)", Sent, Form with { Handle = "**big**" }, null));

        Assert.Contains(@"\[click\](https://evil)", card.Texts());
        Assert.DoesNotContain(card.Texts(), text => text.Contains("[click](", StringComparison.Ordinal) || text.Contains("[Admin](", StringComparison.Ordinal));
        Assert.Contains(@"\*\*big\*\*", card.Texts());
        Assert.Contains(@"Priya \[Admin\](https://evil) and amadou.jallow@lshtm.ac.uk", card.Texts());
    }

    [Fact]
    public void The_refresh_asks_for_the_viewers_own_card_for_the_given_users()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { RefreshUserIds = ["29:sam", "29:lena"] });

        JsonAssert.Equal("""
            { "action": { "type": "Action.Execute", "title": "Refresh", "verb": "accountRequest.refresh", "data": { "reference": "SMA-2026-0042" } }, "userIds": ["29:sam", "29:lena"] }
            """, card.Card["refresh"]);
    }

    [Fact]
    public void The_audit_trail_shows_the_latest_entries_oldest_first()
    {
        var entries = Enumerable.Range(1, 7).Select(i => AuditTrailLine.Create(Sent.AddHours(i), "Sam *Carter*", $"Step {i}")).ToList();

        var card = RenderedCard.Of(AccountRequestCardNames.Approval, Pending().WithAuditTrail(entries));
        var afterMoves = RenderedCard.Of(AccountRequestCardNames.Approval, Pending().WithAuditTrail(entries, movedOut: 10));

        var lines = card.Texts().Where(text => text.Contains(" · Sam", StringComparison.Ordinal)).ToList();
        Assert.Equal(ApprovalCard.AuditLinesShown, lines.Count);
        Assert.Equal(@"26 Nov 2026 at 12:40 · Sam \*Carter\* · Step 3", lines[0]);
        Assert.EndsWith("Step 7", lines[^1], StringComparison.Ordinal);
        Assert.Contains("2 earlier steps are not shown here.", card.Texts());
        Assert.Contains("12 earlier steps are not shown here.", afterMoves.Texts());
    }

    [Fact]
    public void Withdrawn_and_changes_requested_cards_say_so_without_actions()
    {
        var withdrawn = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { Status = "Withdrawn", Outcome = ApprovalOutcome.Withdrawn(Decided) });
        var changes = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { Status = "ChangesRequested", ShowDecisionActions = true, Outcome = ApprovalOutcome.ChangesRequested("Sam Carter", Decided, "Add a sign-off") });

        Assert.Contains("Withdrawn by the requester on 26 Nov 2026 at 14:05", withdrawn.Texts());
        Assert.Empty(withdrawn.TopLevelActionTitles());
        Assert.Contains("**Message to the requester:** Add a sign-off", changes.Texts());
        Assert.Contains("Status: Changes requested", changes.Texts());
        Assert.Empty(changes.TopLevelActionTitles());
    }

    [Fact]
    public void The_form_and_approval_card_offer_the_same_choices_the_labels_know()
    {
        var inputs = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New()).Inputs();
        Assert.Equal(AccountRequestCardText.Platforms, Choices(inputs["platform"]));
        Assert.Equal(AccountRequestCardText.UnitTypes, Choices(inputs["unitType"]));
        Assert.Equal(AccountRequestCardText.PostingFrequencies, Choices(inputs["postingFrequency"]));
        var reject = RenderedCard.Of(AccountRequestCardNames.Approval, Pending() with { ShowDecisionActions = true }).Inputs()["rejectReason"];
        Assert.Equal(AccountRequestCardText.RejectReasons, Choices(reject));
    }

    private static Dictionary<string, string> Choices(JsonObject input) =>
        input["choices"]!.AsArray().ToDictionary(c => (string)c!["value"]!, c => (string)c!["title"]!);
}
