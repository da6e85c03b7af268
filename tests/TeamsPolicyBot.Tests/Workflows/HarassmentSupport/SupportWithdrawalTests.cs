using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>The person withdraws their referral: who may, from which states, and what each audience then sees.</summary>
public sealed class SupportWithdrawalTests
{
    private const string Note = "My manager sorted it out with the account owner, thank you";

    [Fact]
    public void The_person_withdraws_a_waiting_or_taken_referral_and_the_audit_holds_no_note()
    {
        foreach (var open in new[] { Requested(), Taken() })
        {
            var withdrawn = open.Withdraw(Person, $"  {Note}  ", Later);

            Assert.True(withdrawn.Succeeded);
            Assert.Equal(ReferralStatus.Withdrawn, withdrawn.Next.Status);
            Assert.False(withdrawn.Next.IsOpen);
            Assert.Equal(new ReferralWithdrawn(Note, Later), withdrawn.Next.Withdrawal);
            Assert.Equal((ReferralAuditActions.Withdrawn, "With a note for the case handler"), (withdrawn.Next.Audit[^1].Action, withdrawn.Next.Audit[^1].Detail));
            Assert.All(withdrawn.Next.Audit, entry => Assert.DoesNotContain("account owner", entry.Detail ?? "", StringComparison.Ordinal));
            Assert.Equal("Withdrawn", SupportIndex.StatusText(withdrawn.Next));
        }

        Assert.Null(Requested().Withdraw(Person, "   ", Later).Next!.Withdrawal!.Reason);
    }

    [Fact]
    public void Only_the_person_may_withdraw_not_the_case_handler_nor_anyone_else()
    {
        Assert.Equal(ReferralRefusalKind.NotYours, Taken().Withdraw(Handler, null, Later).Refusal!.Kind);
        var refused = Requested().Withdraw(OtherHandler, null, Later).Refusal!;
        Assert.Equal(ReferralRefusalKind.NotYours, refused.Kind);
        Assert.Equal("Only the person who asked for support can withdraw this request.", refused.Message);
    }

    [Fact]
    public void A_closed_referral_cannot_be_withdrawn_and_a_second_withdrawal_is_the_first_again()
    {
        var closed = Taken().Close(Handler, "supportGiven", null, Later).Next!;
        var refused = closed.Withdraw(Person, null, Later.AddHours(1)).Refusal!;
        Assert.Equal(ReferralRefusalKind.NotAllowedInStatus, refused.Kind);
        Assert.Contains("already closed", refused.Message, StringComparison.Ordinal);

        var withdrawn = Requested().Withdraw(Person, Note, Later).Next!;
        var again = withdrawn.Withdraw(Person, "something else", Later.AddMinutes(1));
        Assert.Equal(ReferralRefusalKind.AlreadyApplied, again.Refusal!.Kind);
        Assert.Single(withdrawn.Audit, entry => entry.Action == ReferralAuditActions.Withdrawn);
        Assert.Equal(ReferralRefusalKind.NotYours, withdrawn.Withdraw(Handler, null, Later).Refusal!.Kind);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_refused_naming_the_field()
    {
        var refused = Requested().Withdraw(Person, new string('a', SupportLimits.WithdrawReason + 1), Later).Refusal!;

        Assert.Equal(ReferralRefusalKind.InvalidInput, refused.Kind);
        Assert.Equal(ReferralStatus.New, Requested().Status);
    }

    [Fact]
    public void Nothing_more_can_be_done_on_a_withdrawn_case_and_the_reminder_has_nothing_to_say()
    {
        var withdrawn = Taken().Withdraw(Person, null, Later).Next!;
        var untakenWithdrawn = Requested(i => i["feelsUnsafe"] = "true").Withdraw(Person, null, Later).Next!;

        foreach (var refusal in new[]
        {
            withdrawn.Message(Handler, "Hello?", Later.AddMinutes(1)).Refusal!,
            withdrawn.RecordAction(Handler, "Reported it", Later.AddMinutes(1)).Refusal!,
            withdrawn.Close(Handler, "supportGiven", null, Later.AddMinutes(1)).Refusal!,
            untakenWithdrawn.Take(Handler, Later.AddMinutes(1)).Refusal!,
        })
        {
            Assert.Equal(ReferralRefusalKind.NotAllowedInStatus, refusal.Kind);
            Assert.Contains("withdrawn by the person", refusal.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("You withdrew HSR-2026-0003", withdrawn.Message(Person, "One more thing", Later).Refusal!.Message, StringComparison.Ordinal);
        Assert.False(untakenWithdrawn.RecordNotTakenInTime(15, Later).Succeeded);
    }

    [Fact]
    public void The_channel_card_says_withdrawn_with_no_buttons_and_nothing_personal_and_the_case_card_shows_the_note()
    {
        var withdrawn = Taken().Withdraw(Person, Note, Later).Next!;

        var channel = Text(Templates.Channel(withdrawn, ChannelCardViewer.Anyone, ["29:1riley-brooks"]));
        Assert.Contains("Withdrawn", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("support.take", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("29:1riley-brooks", channel, StringComparison.Ordinal);
        foreach (var secret in new[] { "Priya", "account owner", "angry_reader", "Alex Morgan" })
        {
            Assert.DoesNotContain(secret, channel, StringComparison.OrdinalIgnoreCase);
        }

        var caseCard = Text(Templates.Case(withdrawn));
        Assert.Contains("Withdrawn by Priya Shah on", caseCard, StringComparison.Ordinal);
        Assert.Contains("account owner", caseCard, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Message, caseCard, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Close, caseCard, StringComparison.Ordinal);
    }

    [Fact]
    public void The_person_is_offered_withdrawal_while_open_and_their_confirmation_says_they_can_ask_again_and_where_support_is()
    {
        Assert.Contains(SupportVerbs.Withdraw, Text(Templates.Requested(Requested())), StringComparison.Ordinal);
        var withdrawn = Requested().Withdraw(Person, null, Later).Next!;
        Assert.DoesNotContain(SupportVerbs.Withdraw, Text(Templates.Requested(withdrawn)), StringComparison.Ordinal);

        var confirmation = Text(Templates.Withdrawn(withdrawn));
        Assert.Contains("You can ask for support again at any time", confirmation, StringComparison.Ordinal);
        Assert.Contains("No case handler had taken it yet", confirmation, StringComparison.Ordinal);
        Assert.Contains("We do not tell your line manager", confirmation, StringComparison.Ordinal);
        foreach (var resource in SupportResourcesOptions.Defaults)
        {
            Assert.Contains(Markdown.Escape(resource.Name), confirmation, StringComparison.Ordinal);
        }

        Assert.Contains("Sam Carter, who was looking after it, has been told, with your note.", Text(Templates.Withdrawn(Taken().Withdraw(Person, Note, Later).Next!)), StringComparison.Ordinal);
    }
}
