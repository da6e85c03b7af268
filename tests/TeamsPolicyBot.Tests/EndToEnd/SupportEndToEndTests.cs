using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The harassment support workflow (issue 5) as people go through it in Teams: Sam asks for support in the
/// personal chat, sees who will be told (Alex, the line manager, only that a referral exists) and confirms; the
/// Comms channel card shows nothing personal, Alex is told without the details, Morgan (not a case handler) is
/// refused, Riley takes the case and alone gets the details, messages Sam through the bot, gets Sam's reply, and
/// closes the case; Sam is told and "my requests" shows it closed. Alex and Riley never talked to the bot: their
/// 1:1 chats are read from the Playground's events recording.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed partial class SupportEndToEndTests(PlaygroundFixture stack) : PlaygroundWorkflowTests(stack)
{
    // Free text with no Markdown specials, so what the cards show is what was typed.
    private const string What = "Since my radio interview an anonymous account replies to every post I make with threats about my family";
    private const string LinkHandle = "harasseracct";
    private const string Link = $"https://x.com/{LinkHandle}/status/1900000000000000001";
    private const string Question = "Would you like us to report the account to X with you this week";
    private const string Reply = "Yes please, Thursday afternoon works for me";
    private const string OutcomeNotes = "We reported the account together and X suspended it";

    [Fact]
    public async Task A_referral_goes_from_the_support_card_to_a_closed_case_with_the_Comms_channel_and_the_manager_told_nothing_personal()
    {
        // Alex and Riley never talked to the bot: it reaches them through the Comms team's roster.
        await InstallInCommsTeamAsync();

        // "get support" brings the warm support card; "Ask for support" the form.
        var recorded = Stack.Recording.Read().Count;
        var support = await SayInPersonalChatAsync("get support");
        Assert.Contains("You are not alone", Texts(Content(support)));
        var form = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Form));
        Assert.Contains("Ask for support", Texts(form));

        // A valid, non-urgent referral; the manager may know only that it exists. The check step names Alex,
        // whom Directory:Managers knows by object id only, as the Comms team roster shows them.
        var confirm = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, ValidInputs(), shown: form));
        Assert.Contains("Check before sending", Texts(confirm));
        Assert.Contains($"- **Your line manager, {People.LineManager.Name} ({People.LineManager.Email})**: only that you asked for support, and how to support you.", Texts(confirm));
        Assert.Contains(What, Texts(confirm));

        // "Send my request": the confirmation with the reference.
        var mark = Playground.Mark();
        var requested = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Confirm, shown: confirm));
        var reference = ReferenceIn(requested);
        Assert.Matches($"^HSR-{DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture)}-\\d{{4,}}$", reference);
        Assert.Contains($"Thank you for telling us. Your reference is **{reference}**.", Texts(requested));

        // The Comms channel: a new thread with the reference, and nothing Sam typed nor Sam's name anywhere in it.
        // "Take case" is for the case handlers only: Teams fetches Riley's own view through the card's refresh.
        var channelCard = await NewChannelCardAsync(mark, reference, "Not marked urgent");
        var rileysView = await RefreshedViewAsync(channelCard, People.CaseHandler, SupportVerbs.Refresh);
        Assert.Equal(["Take case"], ButtonTitles(rileysView));
        AssertNothingPersonal(rileysView.GetRawText());
        Assert.Empty(ButtonTitles(await RefreshedViewAsync(channelCard, People.CommsApprover, SupportVerbs.Refresh)));

        // Alex (line manager, never talked to the bot) gets a 1:1 that a referral exists, without the details.
        var managerNotice = await ManagerNoticeAsync(recorded, reference);
        Assert.Contains("A member of your team has asked for support", Texts(managerNotice));
        Assert.Contains(Texts(managerNotice), text => text.StartsWith($"{People.Staff.Name} chose to share only that they asked for support.", StringComparison.Ordinal));
        AssertNoFreeText(managerNotice.GetRawText());

        // Morgan is a Comms approver but not a case handler: a "Take case" click anyway (as from Riley's card) is refused, and nothing changes.
        mark = Playground.Mark();
        Assert.Equal(SupportCaseHandling.NotACaseHandler, MessageOf(await ClickAsync(channelCard, People.CommsApprover, SupportVerbs.Take, shown: rileysView)));

        // Riley takes it: the channel card shows it taken (still nothing personal), the details reach Riley alone, Sam is told.
        recorded = Stack.Recording.Read().Count;
        var taken = CardOf(await ClickAsync(channelCard, People.CaseHandler, SupportVerbs.Take, shown: rileysView));
        // Who took it and when is the status line, said once (no "A case handler is looking after it" above it).
        Assert.Single(Texts(taken), text => text.StartsWith($"**Not marked urgent** · Taken by {People.CaseHandler.Name} on ", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(taken), text => text.Contains("A case handler is looking after it", StringComparison.Ordinal));
        var takenUpdate = await NextAsync(() => Playground.NextBotUpdateAsync(
            mark, e => e.MessageId == channelCard.MessageId && Texts(Content(e)).Any(text => text.StartsWith($"**Not marked urgent** · Taken by {People.CaseHandler.Name} on ", StringComparison.Ordinal)), Timeout));
        Assert.Empty(ButtonTitles(Content(takenUpdate)));
        Assert.Equal([People.CaseHandler.Id], RefreshUserIds(Content(takenUpdate)));
        Assert.Equal(["Send me the details again"], ButtonTitles(taken));
        AssertNothingPersonal(takenUpdate.Message.GetRawText());
        Assert.Single(UpdatesOf(mark, channelCard));
        var caseCard = await PrivateCardAsync(recorded, People.CaseHandler, reference, card => Texts(card).Contains($"{reference}: {People.Staff.Name}"));
        Assert.Contains(What, Texts(caseCard.Card));
        Assert.Contains(Strings(caseCard.Card), s => s.Contains(LinkHandle, StringComparison.Ordinal));
        Assert.Contains(Texts(caseCard.Card), text => text.StartsWith("**Their line manager**: ", StringComparison.Ordinal));
        var takenNotice = Content(await PersonalCardAsync(mark, reference, "A case handler is looking after your request"));
        Assert.Contains(Texts(takenNotice), text => text.StartsWith($"{People.CaseHandler.Name} from Communications & Engagement took your request", StringComparison.Ordinal));

        // Riley messages Sam from the case card: Sam gets it in the personal chat, with a reply box.
        mark = Playground.Mark();
        var afterMessage = CardOf(await ClickInPrivateChatAsync(caseCard, People.CaseHandler, SupportVerbs.Message, new JsonObject { [F.Message] = Question }));
        Assert.Contains(Question, Texts(afterMessage));
        var message = await PersonalCardAsync(mark, reference, $"{People.CaseHandler.Name}, your support case handler, wrote");
        Assert.Contains(Question, Texts(Content(message)));
        Assert.Contains("Send reply", ActionTitles(Content(message)));

        // Sam replies on that card: relayed to Riley's 1:1.
        recorded = Stack.Recording.Read().Count;
        var replied = CardOf(await ClickAsync(message, People.Staff, SupportVerbs.Reply, new JsonObject { [F.Message] = Reply }));
        Assert.Contains("Your reply was sent", Texts(replied));
        var relayed = (await PrivateCardAsync(recorded, People.CaseHandler, reference, card => Texts(card).Contains($"{People.Staff.Name} replied"))).Card;
        Assert.Contains(Reply, Texts(relayed));

        // Riley closes the case with an outcome: the channel card shows it closed, Sam is told with the notes.
        mark = Playground.Mark();
        var closed = CardOf(await ClickInPrivateChatAsync(caseCard, People.CaseHandler, SupportVerbs.Close, new JsonObject { [F.Outcome] = "reportedToPlatform", [F.OutcomeNotes] = OutcomeNotes }));
        Assert.Contains(Texts(closed), text => text.StartsWith($"**Closed by {People.CaseHandler.Name} on ", StringComparison.Ordinal) && text.EndsWith(": Reported to the platform**", StringComparison.Ordinal));
        Assert.DoesNotContain("Close the case", ActionTitles(closed));
        var closedUpdate = await CardUpdateAsync(mark, channelCard, "**Not marked urgent** · Closed: Reported to the platform");
        Assert.Empty(ButtonTitles(Content(closedUpdate)));
        Assert.Empty(RefreshUserIds(Content(closedUpdate)));
        AssertNothingPersonal(closedUpdate.Message.GetRawText());
        var closedNotice = Content(await PersonalCardAsync(mark, reference, "Your request is closed: Reported to the platform"));
        Assert.Contains(Texts(closedNotice), text => text.StartsWith($"{People.CaseHandler.Name} closed your support request.", StringComparison.Ordinal) && text.Contains(OutcomeNotes, StringComparison.Ordinal));

        // "my requests" lists it as closed, with the outcome.
        Assert.Equal("Closed: Reported to the platform", await MyRequestStatusAsync(reference));
    }

    /// <summary>A complete, valid, non-urgent referral; the line manager may know only that it exists.</summary>
    private static JsonObject ValidInputs() => new()
    {
        [F.What] = What,
        [F.Platforms] = "x",
        [F.PlatformOther] = "",
        [F.Links] = Link,
        [F.Since] = "thisMonth",
        [F.Ongoing] = "yes",
        [F.WorkRelation] = "research",
        [F.FeelsUnsafe] = "false",
        [F.Needs] = "responding,reporting",
        [F.ManagerSharing] = "referralOnly",
    };

    /// <summary>
    /// The referral's new thread in the Comms channel: its reference and urgency in words, no buttons but a refresh for
    /// Riley (the case handler), and nothing personal about <paramref name="person"/>.
    /// </summary>
    private async Task<PlaygroundEvent> NewChannelCardAsync(long mark, string reference, string urgency, PlaygroundPerson? person = null)
    {
        var channelCard = await NewCommsThreadAsync(mark, "Harassment support request");
        var posted = Content(channelCard);
        Assert.Equal(reference, ReferenceIn(posted));
        Assert.Contains($"**{urgency}** · Waiting for a case handler", Texts(posted));
        Assert.Empty(ButtonTitles(posted));
        Assert.Equal([People.CaseHandler.Id], RefreshUserIds(posted));
        AssertNothingPersonal(channelCard.Message.GetRawText(), person);
        return channelCard;
    }

    /// <summary>The 1:1 notice Alex, the line manager, gets about <paramref name="reference"/>.</summary>
    private async Task<JsonElement> ManagerNoticeAsync(int recorded, string reference) =>
        (await PrivateCardAsync(recorded, People.LineManager, reference, card => Texts(card).Contains("A member of your team has asked for support"))).Card;

    /// <summary>The confidentiality rule (policy 6.3): none of the free text, and not the name or email of the person (Sam unless said).</summary>
    private void AssertNothingPersonal(string json, PlaygroundPerson? person = null)
    {
        person ??= People.Staff;
        AssertNoFreeText(json);
        Assert.DoesNotContain(person.Name, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.Email, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.AadObjectId, json, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertNoFreeText(string json)
    {
        Assert.DoesNotContain(What[..40], json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("threats about my family", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LinkHandle, json, StringComparison.OrdinalIgnoreCase);
    }

    private static string ReferenceIn(JsonElement card) => PlaygroundCards.ReferenceIn(card, Reference());

    [GeneratedRegex(@"HSR-\d{4}-\d{4,}")]
    private static partial Regex Reference();
}
