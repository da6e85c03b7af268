using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>A case handler hands a case over to another: who may, to whom, from which states, and what each audience sees.</summary>
public sealed class SupportHandOverTests
{
    private const string Note = "Away until the 20th; Priya prefers afternoons";

    private static SupportReferral HandedOver(string? draftId = "card-1") => Taken().HandOver(Handler, OtherHandler, Note, Later, draftId).Next!;

    [Fact]
    public void The_owner_hands_over_and_the_new_case_handler_has_it_with_the_note_kept_off_the_audit()
    {
        var handedOver = HandedOver();

        Assert.Equal(ReferralStatus.Taken, handedOver.Status);
        Assert.Equal(OtherHandler, handedOver.Handler!.By);
        Assert.True(handedOver.IsTakenBy(OtherHandler));
        Assert.False(handedOver.IsTakenBy(Handler));
        var handOver = Assert.Single(handedOver.HandOvers);
        Assert.Equal((1, Handler, Note), (handOver.Number, handOver.From.By, handOver.Note));
        Assert.Equal((ReferralAuditActions.HandedOver, "To Morgan Reid"), (handedOver.Audit[^1].Action, handedOver.Audit[^1].Detail));
        Assert.All(handedOver.Audit, entry => Assert.DoesNotContain("afternoons", entry.Detail ?? "", StringComparison.Ordinal));

        // The new owner may do everything; the old one nothing more.
        Assert.True(handedOver.Message(OtherHandler, "Hello, I look after your request now.", Later).Succeeded);
        Assert.Contains("Only Morgan Reid", handedOver.Close(Handler, "supportGiven", null, Later).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_owner_may_hand_over_only_to_another_case_handler_and_only_while_taken()
    {
        Assert.Equal(ReferralRefusalKind.NotYours, Taken().HandOver(OtherHandler, OtherHandler, null, Later).Refusal!.Kind);
        Assert.Equal(ReferralRefusalKind.NotYours, Taken().HandOver(Person, OtherHandler, null, Later).Refusal!.Kind);
        Assert.Equal("Choose one of the other case handlers to hand the case over to.", Taken().HandOver(Handler, null, null, Later).Refusal!.Message);
        Assert.Equal(ReferralRefusalKind.InvalidInput, Taken().HandOver(Handler, Handler, null, Later).Refusal!.Kind);
        Assert.Equal(ReferralRefusalKind.InvalidInput, Taken().HandOver(Handler, OtherHandler, new string('a', SupportLimits.HandOverNote + 1), Later).Refusal!.Kind);
        Assert.Contains("Nobody has taken", Requested().HandOver(Handler, OtherHandler, null, Later).Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(ReferralRefusalKind.NotAllowedInStatus, Taken().Withdraw(Person, null, Later).Next!.HandOver(Handler, OtherHandler, null, Later).Refusal!.Kind);
    }

    [Fact]
    public void The_same_click_again_is_already_applied_and_hands_over_once()
    {
        var again = HandedOver().HandOver(Handler, OtherHandler, Note, Later.AddSeconds(20), "card-1");

        Assert.Equal(ReferralRefusalKind.AlreadyApplied, again.Refusal!.Kind);
        Assert.Single(HandedOver().HandOvers);
        Assert.Equal(ReferralRefusalKind.NotYours, HandedOver().HandOver(Handler, OtherHandler, Note, Later, "card-2").Refusal!.Kind);
    }

    [Fact]
    public void The_channel_names_the_new_case_handler_and_nothing_personal_and_the_old_owners_card_has_no_details_and_no_actions()
    {
        var handedOver = HandedOver();

        var channel = Text(Templates.Channel(handedOver, ChannelCardViewer.Anyone));
        Assert.Contains("Handed over to Morgan Reid", channel, StringComparison.Ordinal);
        foreach (var secret in new[] { "Priya", "afternoons", "angry_reader", "Alex Morgan" })
        {
            Assert.DoesNotContain(secret, channel, StringComparison.OrdinalIgnoreCase);
        }

        var oldOwners = Text(Templates.HandedOver(handedOver, handedOver.HandOvers[^1]));
        Assert.Contains("over to Morgan Reid", oldOwners, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Message, oldOwners, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.HandOver, oldOwners, StringComparison.Ordinal);
        foreach (var secret in new[] { "Priya", "afternoons", "angry_reader", "Alex Morgan" })
        {
            Assert.DoesNotContain(secret, oldOwners, StringComparison.OrdinalIgnoreCase);
        }

        var newOwners = Text(Templates.Case(handedOver, handOver: new HandOverChoices([new ChoiceLine("Sam Carter", Handler.AadObjectId)], ByPicker: false)));
        Assert.Contains("afternoons", newOwners, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.HandOver, newOwners, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Message, newOwners, StringComparison.Ordinal);
        Assert.Contains("graph.microsoft.com/users", Text(Templates.Case(handedOver, handOver: new HandOverChoices([], ByPicker: true))), StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.HandOver, Text(Templates.Case(handedOver)), StringComparison.Ordinal);
    }
}
