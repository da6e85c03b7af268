using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

/// <summary>The cards the requester sees after sending: submitted, the decision notices, and refusals.</summary>
public sealed class RequesterCardTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 14, 5, 0, TimeSpan.Zero);
    private static readonly string Account = AccountRequestCardText.AccountName("instagram", null, "@MRCGambia_Malaria");

    [Fact]
    public void Submitted_gives_the_reference_pending_status_next_steps_and_a_withdraw_button()
    {
        var form = new RequestFormValues { Platform = "other", PlatformOther = "Mastodon", Handle = "@lshtm", UnitType = "network", UnitName = "Network _x_", PostingFrequency = "monthly", SecondAdminEmail = "a@lshtm.ac.uk" };
        var card = RenderedCard.Of(AccountRequestCardNames.Submitted, SubmittedCard.Create("SMA-2026-0042", false, At, RequestSummary.From(form, "Priya Shah", null)));

        Assert.Contains("Your request is with Comms", card.Texts());
        Assert.Contains("Pending", card.Texts());
        Assert.Contains("SMA-2026-0042", card.Texts());
        Assert.Contains("25 Nov 2026 at 14:05", card.Texts());
        Assert.Contains(card.Texts(), text => text.Contains("withdraw", StringComparison.Ordinal));
        Assert.Contains("Mastodon", card.Texts());
        Assert.Contains(@"Network \_x\_ (Network)", card.Texts());
        Assert.Contains("Priya Shah and a@lshtm.ac.uk", card.Texts());
        Assert.DoesNotContain("Already exists at", card.Texts());
        var withdraw = Assert.Single(card.ExecuteActions());
        Assert.Equal("accountRequest.withdraw", withdraw.Key);
        JsonAssert.Equal("""{ "reference": "SMA-2026-0042" }""", withdraw.Value["data"]);
    }

    [Fact]
    public void An_approval_notice_gives_next_steps_the_audit_date_and_the_security_expectations()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.DecisionNotice, DecisionNoticeCard.Approved("SMA-2026-0042", Account, "Sam Carter", At, At.AddYears(1)));

        Assert.Contains(@"Approved: your Instagram account @MRCGambia\_Malaria", card.Texts());
        Assert.Contains("Sam Carter approved request SMA-2026-0042 on 25 Nov 2026 at 14:05.", card.Texts());
        var all = card.AllText;
        Assert.Contains("directory of official accounts", all, StringComparison.Ordinal);
        Assert.Contains("**25 Nov 2027**", all, StringComparison.Ordinal);
        Assert.Contains("two-factor authentication", all, StringComparison.Ordinal);
        Assert.Contains("log everyone out", all, StringComparison.Ordinal);
        Assert.Contains("person responsible for the account changes", all, StringComparison.Ordinal);
        Assert.Empty(card.ExecuteActions());
        Assert.Equal(["My requests"], card.TopLevelActionTitles());
    }

    [Fact]
    public void An_approval_notice_gives_policy_4_20s_step_when_the_responsible_person_changes()
    {
        var all = RenderedCard.Of(AccountRequestCardNames.DecisionNotice, DecisionNoticeCard.Approved("SMA-2026-0042", Account, "Sam Carter", At, At.AddYears(1))).AllText;

        // 4.20: "Inform the Communications & Engagement team if the member of staff responsible ... changes (password should
        // be changed if responsible staff member leaves LSHTM, and new password shared with Communications & Engagement team)".
        Assert.Contains(
            "When the person responsible for the account changes, tell Comms. If that person leaves the university, change the password and share the new password with Comms (4.20).",
            all,
            StringComparison.Ordinal);
        Assert.Contains("Do not put a password in a Teams message or an email", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejection_notice_gives_the_reason_plainly_and_how_to_talk_to_Comms()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.DecisionNotice, DecisionNoticeCard.Rejected("SMA-2026-0042", Account, "Sam Carter", At, "insufficientResource", "Three hours a month is not [enough]") with { ContactEmail = "social@example.ac.uk" });

        Assert.Contains("Not enough resource to run it well (4.2)", card.Texts());
        Assert.Contains(@"Three hours a month is not \[enough\]", card.Texts());
        Assert.Contains("Email Comms at social@example.ac.uk and quote SMA-2026-0042. You can send a new request at any time.", card.Texts());
        Assert.DoesNotContain(card.Texts(), text => text.Contains("directory", StringComparison.Ordinal));
        Assert.Empty(card.ExecuteActions());
    }

    [Fact]
    public void A_changes_notice_shows_the_message_and_offers_edit_and_resubmit()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.DecisionNotice, DecisionNoticeCard.ChangesRequested("SMA-2026-0042", Account, "Sam Carter", At, "Who signs off? <b>"));

        Assert.Contains("Comms asked for changes to your request", card.Texts());
        Assert.Contains("Who signs off? \uFF1Cb\uFF1E", card.Texts());
        Assert.Equal(["Edit and resubmit", "Withdraw request"], card.TopLevelActionTitles());
        var actions = card.ExecuteActions();
        JsonAssert.Equal("""{ "reference": "SMA-2026-0042" }""", actions["accountRequest.edit"]["data"]);
        JsonAssert.Equal("""{ "reference": "SMA-2026-0042" }""", actions["accountRequest.withdraw"]["data"]);
    }

    [Fact]
    public void A_withdrawal_notice_confirms_it()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.DecisionNotice, DecisionNoticeCard.Withdrawn("SMA-2026-0042", Account, At));

        Assert.Contains("Request SMA-2026-0042 withdrawn", card.Texts());
        Assert.Contains(@"You withdrew your request for the Instagram account @MRCGambia\_Malaria on 25 Nov 2026 at 14:05. Comms will not review it.", card.Texts());
        Assert.Empty(card.ExecuteActions());
    }
}
