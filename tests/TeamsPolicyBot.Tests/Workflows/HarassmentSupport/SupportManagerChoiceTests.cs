using System.Text.Json.Nodes;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>
/// The line-manager question's two routes where nobody is told at submission: "talk to a case handler first" (told
/// later by the case handler, once, as agreed) and "my line manager is involved" (never told); and old rows loading.
/// </summary>
public sealed class SupportManagerChoiceTests
{
    private static SupportReferral TalkFirst() => Requested(i => i["managerSharing"] = "talkFirst", ReferralManager.NotAsked);

    private static SupportReferral Involved() => Requested(i => i["managerSharing"] = "involved", ReferralManager.NotAsked);

    private static readonly ReferralManager FromDirectory = new("3f0b9c2e-5555-4a6b-9c1d-000000000005", "Alex Morgan", null, TypedByPerson: false);

    [Fact]
    public void A_request_stored_before_the_new_choices_loads_with_its_manager_told_as_before()
    {
        var json = JsonNode.Parse(RecordColumns.ToJson(Requested(i => i["managerSharing"] = "full"))!)!.AsObject();
        json.Remove("managerToldLater");
        json.Remove("managerIsToBeTold");
        json.Remove("waitsToTellManager");
        var entity = SupportReferralRow.ToEntity(Requested());
        RecordColumns.WriteChunked(entity, "Record", json.ToJsonString());

        var old = SupportReferralRow.FromEntity(entity);

        Assert.Equal(ManagerSharing.FullDetails, old.Details.ManagerSharing);
        Assert.Null(old.ManagerToldLater);
        Assert.True(old.ManagerIsToBeTold);
        Assert.True(old.ManagerMaySeeDetails);
        Assert.Equal("3f0b9c2e-5555-4a6b-9c1d-000000000005", old.People().LineManagerId);
        Assert.DoesNotContain(SupportVerbs.TellManager, Text(Templates.Case(old.Take(Handler, Later).Next!)), StringComparison.Ordinal);
    }

    [Fact]
    public void Talk_first_is_stored_and_read_back_with_what_the_case_handler_told_the_manager()
    {
        var told = TalkFirst().Take(Handler, Later).Next!.TellManagerNow(Handler, "referralOnly", FromDirectory, Later.AddHours(1)).Next!;

        var loaded = SupportReferralRow.FromEntity(SupportReferralRow.ToEntity(told));

        Assert.Equal(ManagerSharing.TalkFirst, loaded.Details.ManagerSharing);
        Assert.Equal((ManagerSharing.ReferralOnly, Handler.AadObjectId), (loaded.ManagerToldLater!.Sharing, loaded.ManagerToldLater.Told.By.AadObjectId));
        Assert.Equal(FromDirectory.AadObjectId, loaded.Manager.AadObjectId);
    }

    [Fact]
    public void Neither_route_lets_the_manager_see_the_record_until_the_case_handler_tells_them()
    {
        Assert.False(TalkFirst().ManagerIsToBeTold);
        Assert.Null(TalkFirst().People().LineManagerId);
        Assert.Null(Requested(i => i["managerSharing"] = "involved").People().LineManagerId);

        var told = TalkFirst().Take(Handler, Later).Next!.TellManagerNow(Handler, "full", FromDirectory, Later).Next!;

        Assert.True(told.ManagerIsToBeTold);
        Assert.True(told.ManagerMaySeeDetails);
        Assert.Equal(FromDirectory.AadObjectId, told.People().LineManagerId);
    }

    [Fact]
    public void Only_the_case_handler_who_has_a_talk_first_case_can_tell_the_manager_and_only_once()
    {
        Assert.Contains("Nobody has taken", TalkFirst().TellManagerNow(Handler, "full", FromDirectory, Later).Refusal!.Message, StringComparison.Ordinal);
        var taken = TalkFirst().Take(Handler, Later).Next!;

        Assert.Equal(ReferralRefusalKind.NotYours, taken.TellManagerNow(OtherHandler, "full", FromDirectory, Later).Refusal!.Kind);
        Assert.Equal(ReferralRefusalKind.NotYours, taken.TellManagerNow(Person, "full", FromDirectory, Later).Refusal!.Kind);
        var invalid = taken.TellManagerNow(Handler, "everything", FromDirectory, Later).Refusal!;
        Assert.Equal(ReferralRefusalKind.InvalidInput, invalid.Kind);
        Assert.Contains("Choose what their line manager may be told", invalid.Message, StringComparison.Ordinal);

        var told = taken.TellManagerNow(Handler, "referralOnly", FromDirectory, Later).Next!;
        Assert.Equal(ReferralAuditActions.ManagerToldByHandler, told.Audit[^1].Action);
        Assert.Equal("Only that they asked for support, and how to support them", told.Audit[^1].Detail);

        var again = told.TellManagerNow(Handler, "full", FromDirectory, Later.AddMinutes(1)).Refusal!;
        Assert.Equal(ReferralRefusalKind.AlreadyApplied, again.Kind);
        Assert.Contains("Sam Carter already told their line manager", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_told_at_once_or_involved_cannot_be_told_from_the_case_card()
    {
        var involved = Involved().Take(Handler, Later).TellManagerNowOf(Handler);
        var atOnce = Requested().Take(Handler, Later).TellManagerNowOf(Handler);

        Assert.Contains("line manager is involved, so the bot never tells them", involved, StringComparison.Ordinal);
        Assert.Contains("was told when the request was sent", atOnce, StringComparison.Ordinal);
    }

    [Fact]
    public void The_talk_first_case_card_says_so_at_the_top_and_offers_the_two_choices_until_the_manager_is_told()
    {
        var taken = TalkFirst().Take(Handler, Later).Next!;

        var card = RenderedCard.Of(Templates.Case(taken));
        var alert = card.OfType("Container").First(c => (string?)c["style"] == "warning");
        Assert.Contains("Priya Shah would like to talk to you before their line manager is told", alert.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.TellManager, alert.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["full", "referralOnly"], card.OfType("Input.ChoiceSet").Single(c => (string?)c["id"] == SupportFields.TellManagerWith)["choices"]!.AsArray().Select(c => (string?)c!["value"]));

        var told = RenderedCard.Of(Templates.Case(taken.TellManagerNow(Handler, "full", FromDirectory, Later).Next!));
        Assert.DoesNotContain(SupportVerbs.TellManager, told.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Alex Morgan, told by Sam Carter on", told.AllText, StringComparison.Ordinal);
        Assert.Contains("with the details", told.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_involved_case_card_warns_the_case_handler_and_offers_nothing_to_tell_the_manager()
    {
        var card = RenderedCard.Of(Templates.Case(Involved().Take(Handler, Later).Next!));

        Assert.Contains("Important: their line manager is involved", card.OfType("Container").Single(c => (string?)c["style"] == "attention" && c.ToJsonString().Contains("involved", StringComparison.Ordinal)).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("never told by the bot", card.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.TellManager, card.Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_persons_confirmation_says_what_happens_with_their_manager_on_each_route()
    {
        Assert.Contains("Your line manager is not told now. Your case handler will talk with you first", RenderedCard.Of(Templates.Requested(TalkFirst())).AllText, StringComparison.Ordinal);
        Assert.Contains("the bot will never tell them: you said they are involved", RenderedCard.Of(Templates.Requested(Involved())).AllText, StringComparison.Ordinal);
        var told = TalkFirst().Take(Handler, Later).Next!.TellManagerNow(Handler, "referralOnly", FromDirectory, Later).Next!;
        Assert.Contains("Sam Carter, your case handler, told your line manager, Alex Morgan, that you asked for support, and how to support you, as you agreed.", RenderedCard.Of(Templates.Requested(told)).AllText, StringComparison.Ordinal);
    }
}

file static class TellingManagerTestExtensions
{
    /// <summary>The refusal's words when the case handler of <paramref name="taken"/> tries "Tell their line manager now".</summary>
    public static string TellManagerNowOf(this ReferralTransition taken, TeamsPolicyBot.Records.Actor handler) =>
        taken.Next!.TellManagerNow(handler, "full", new ReferralManager("3f0b9c2e-5555-4a6b-9c1d-000000000005", "Alex Morgan", null, false), Later).Refusal!.Message;
}
