using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>The state machine, the consent rule (what the manager may see) and the confidentiality rule (what the channel may see).</summary>
public sealed class SupportReferralTests
{
    [Fact]
    public void The_first_case_handler_takes_it_and_a_second_is_told_who_did()
    {
        var taken = Requested().Take(Handler, RequestedAt.AddMinutes(5));

        Assert.True(taken.Succeeded);
        Assert.Equal(ReferralStatus.Taken, taken.Next.Status);
        Assert.Equal(ReferralAuditActions.Taken, taken.Next.Audit[^1].Action);
        var second = taken.Next.Take(OtherHandler, RequestedAt.AddMinutes(6));
        Assert.False(second.Succeeded);
        Assert.Contains("already taken by Sam Carter", second.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_trail_never_holds_the_typed_text()
    {
        var referral = Requested().Take(Handler, RequestedAt).Next!.RecordManagerNotReached("The bot cannot message the line manager yet", RequestedAt).Next!;

        Assert.All(referral.Audit, entry => Assert.DoesNotContain("angry_reader", (entry.Action + entry.Detail), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("full", true)]
    [InlineData("referralOnly", false)]
    public void The_manager_sees_the_details_only_when_the_person_allowed_it(string sharing, bool maySee)
    {
        var referral = Requested(i => i["managerSharing"] = sharing);

        var card = Text(Templates.ManagerNotice(referral));

        Assert.Equal(maySee, referral.ManagerMaySeeDetails);
        Assert.Equal(maySee, card.Contains("angry_reader", StringComparison.Ordinal));
        Assert.Equal(maySee, card.Contains("x.com/angry_reader", StringComparison.Ordinal));
        Assert.Contains("Priya Shah", card, StringComparison.Ordinal);
        Assert.Contains("Keep it confidential", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void The_channel_card_holds_only_the_reference_urgency_and_status_whatever_the_state(string unsafeNow)
    {
        var requested = Requested(i => { i["feelsUnsafe"] = unsafeNow; i["managerSharing"] = "full"; });
        var taken = requested.Take(Handler, RequestedAt).Next!;

        foreach (var (referral, viewer) in from r in new[] { requested, taken } from v in new[] { ChannelCardViewer.Anyone, ChannelCardViewer.Onlooker } select (r, v))
        {
            var card = Text(Templates.Channel(referral, viewer, ["29:1riley-brooks"]));
            Assert.Contains("HSR-2026-0003", card, StringComparison.Ordinal);
            foreach (var secret in new[] { "angry_reader", "Mastodon", "Priya", "Alex Morgan", "vaccine", "2026-02-20", "20 Feb", "research" })
            {
                Assert.DoesNotContain(secret, card, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("support.take", Text(Templates.Channel(requested, ChannelCardViewer.Anyone)), StringComparison.Ordinal);
        Assert.DoesNotContain("Take case", Text(Templates.Channel(taken, ChannelCardViewer.Anyone)), StringComparison.Ordinal);
        Assert.Contains("Send me the details again", Text(Templates.Channel(taken, ChannelCardViewer.Anyone)), StringComparison.Ordinal);
        Assert.Contains("Taken by Sam Carter", Text(Templates.Channel(taken, ChannelCardViewer.Anyone)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_channel_card_says_who_took_the_case_once_as_its_status()
    {
        var taken = Requested().Take(Handler, RequestedAt).Next!;

        var card = RenderedCard.Of(Templates.Channel(taken, ChannelCardViewer.Onlooker));

        Assert.Single(card.Texts(), text => text.Contains("Taken by Sam Carter on ", StringComparison.Ordinal));
        var urgency = taken.IsUrgent ? "URGENT: feels unsafe now" : "Not marked urgent";
        Assert.Contains(card.Texts(), text => text.StartsWith($"**{urgency}** · Taken by Sam Carter on ", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Texts(), text => text.Contains("A case handler is looking after it", StringComparison.Ordinal));
    }

    [Fact]
    public void The_channel_cards_buttons_are_for_the_case_handlers_then_for_the_one_who_took_it()
    {
        var requested = Requested();
        var taken = requested.Take(Handler, RequestedAt).Next!;
        var closed = taken.Close(Handler, "supportGiven", null, RequestedAt.AddDays(1)).Next!;

        Assert.Contains("Take case", Text(Templates.Channel(requested, new ChannelCardViewer(MayTake: true, TookIt: false))), StringComparison.Ordinal);
        Assert.DoesNotContain("support.take", Text(Templates.Channel(requested, ChannelCardViewer.Onlooker)), StringComparison.Ordinal);
        Assert.Contains("Send me the details again", Text(Templates.Channel(taken, new ChannelCardViewer(MayTake: true, TookIt: true))), StringComparison.Ordinal);
        Assert.DoesNotContain("support.take", Text(Templates.Channel(taken, new ChannelCardViewer(MayTake: true, TookIt: false))), StringComparison.Ordinal);
        Assert.Contains("\"userIds\":[\"29:1riley-brooks\"]", Text(Templates.Channel(requested, ChannelCardViewer.Onlooker, ["29:1riley-brooks"])), StringComparison.Ordinal);
        Assert.Contains("\"userIds\":[]", Text(Templates.Channel(closed, ChannelCardViewer.Anyone, ["29:1riley-brooks"])), StringComparison.Ordinal);
        Assert.DoesNotContain("support.take", Text(Templates.Channel(closed, ChannelCardViewer.Anyone)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_case_handler_gets_everything()
    {
        var card = Text(Templates.Case(Requested()));

        Assert.Contains("angry\\\\_reader", card, StringComparison.Ordinal);
        Assert.Contains("Priya Shah", card, StringComparison.Ordinal);
        Assert.Contains("Mastodon", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_who_feels_unsafe_sees_the_emergency_contacts_first()
    {
        var card = Text(Templates.Requested(Requested(i => i["feelsUnsafe"] = "true")));

        Assert.True(card.IndexOf("999", StringComparison.Ordinal) < card.IndexOf("HSR-2026-0003", StringComparison.Ordinal));
    }
}

public sealed class SupportCaseWorkTests
{
    [Fact]
    public void Messages_go_both_ways_between_the_person_and_the_handler_who_took_it_and_are_kept()
    {
        var asked = Taken().Message(Handler, "  Is now a good time to talk?  ", Later);
        var replied = asked.Next!.Message(Person, "Yes, thank you.", Later.AddMinutes(3));

        Assert.True(replied.Succeeded);
        Assert.Equal(
            [(1, true, "Is now a good time to talk?"), (2, false, "Yes, thank you.")],
            replied.Next.Messages.Select(m => (m.Number, m.FromHandler, m.Text)));
        Assert.DoesNotContain(replied.Next.Audit, entry => (entry.Detail ?? "").Contains("good time", StringComparison.Ordinal));
    }

    [Fact]
    public void Nobody_else_may_message_record_or_close_and_an_untaken_case_cannot_be_messaged()
    {
        Assert.Contains("Only Sam Carter", Taken().Message(OtherHandler, "Hello", Later).Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(ReferralRefusalKind.NotYours, Taken().RecordAction(OtherHandler, "Reported it", Later).Refusal!.Kind);
        Assert.Equal(ReferralRefusalKind.NotYours, Taken().Close(OtherHandler, "supportGiven", null, Later).Refusal!.Kind);
        Assert.Contains("Nobody has taken", Requested().Message(Person, "Hello?", Later).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_refused_as_invalid()
    {
        Assert.Equal(ReferralRefusalKind.InvalidInput, Taken().Message(Handler, "  ", Later).Refusal!.Kind);
        Assert.Equal(ReferralRefusalKind.InvalidInput, Taken().RecordAction(Handler, "", Later).Refusal!.Kind);
        Assert.Contains("Choose the outcome", Taken().Close(Handler, null, null, Later).Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("notes are required", Taken().Close(Handler, "other", null, Later).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_keeps_the_outcome_and_ends_the_conversation()
    {
        var closed = Taken().RecordAction(Handler, "Reported the account to X.", Later).Next!.Close(Handler, "reportedToPlatform", "X suspended the account.", Later.AddDays(1));

        Assert.True(closed.Succeeded);
        Assert.Equal(ReferralStatus.Closed, closed.Next.Status);
        Assert.Equal((CaseOutcome.ReportedToPlatform, "X suspended the account."), (closed.Next.Closure!.Outcome, closed.Next.Closure.Notes));
        Assert.Equal("Closed: Reported to the platform", SupportIndex.StatusText(closed.Next));
        Assert.Contains("is closed", closed.Next.Message(Person, "One more thing", Later.AddDays(2)).Refusal!.Message, StringComparison.Ordinal);
        Assert.False(closed.Next.Take(OtherHandler, Later.AddDays(2)).Succeeded);
    }

    [Fact]
    public void A_message_or_action_sent_again_from_the_same_card_is_refused_as_already_applied_and_stored_once()
    {
        var asked = Taken().Message(Handler, "Is now a good time to talk?", Later, draftId: "draft-1").Next!;

        var again = asked.Message(Handler, "Is now a good time to talk?", Later.AddSeconds(20), draftId: "draft-1");
        var fromANewCard = asked.Message(Handler, "Is now a good time to talk?", Later.AddMinutes(1), draftId: "draft-2");
        var recorded = asked.RecordAction(Handler, "Reported it", Later, draftId: "draft-2").Next!;

        Assert.Equal(ReferralRefusalKind.AlreadyApplied, again.Refusal!.Kind);
        Assert.Equal(1, asked.MessageFromDraft(Handler, "draft-1")!.Number);
        Assert.Null(asked.MessageFromDraft(Person, "draft-1"));
        Assert.Equal(2, fromANewCard.Next!.Messages.Count);
        Assert.Equal(ReferralRefusalKind.AlreadyApplied, recorded.RecordAction(Handler, "Reported it", Later, draftId: "draft-2").Refusal!.Kind);
        Assert.Single(recorded.Actions);
    }

    [Fact]
    public void Telling_the_line_manager_is_recorded_once_however_often_the_follow_up_runs()
    {
        var told = Requested().RecordManagerTold(RequestedAt).Next!;

        var again = told.RecordManagerTold(RequestedAt.AddSeconds(30)).Next!.RecordManagerNotReached("The bot cannot message the line manager yet", RequestedAt.AddSeconds(40)).Next!;

        Assert.Equal(ReferralAuditActions.ManagerTold, again.ManagerOutcome!.Action);
        Assert.Single(again.Audit, entry => entry.Action.StartsWith("Line manager", StringComparison.Ordinal));
    }
}
