using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The official account request workflow (issue 3) as people go through it in Teams: Sam asks for
/// an account in the personal chat, the approval card appears as a new thread in the Comms approvals
/// channel, Jordan (not an approver) is refused, Morgan (the Comms approver) decides, the channel card
/// is replaced for everyone and Sam is told. Every test makes its own request, so they do not depend
/// on each other; references simply increase.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed partial class AccountRequestEndToEndTests(PlaygroundFixture stack) : PlaygroundWorkflowTests(stack)
{
    [Fact]
    public async Task A_request_is_refused_to_a_non_approver_approved_by_Comms_and_shown_approved_to_the_requester()
    {
        // "request account" in the personal chat brings the empty form.
        var form = await RequestFormAsync();

        // An invalid form comes back with each problem next to its field and the typed values kept; nothing is posted.
        var mark = Playground.Mark();
        var invalid = ValidInputs();
        invalid.Remove(F.Handle);
        invalid[F.SecondAdminEmail] = People.Staff.Email;
        var refused = CardOf(await SubmitFormAsync(form, Content(form), invalid));
        Assert.Contains(Texts(refused), text => text.StartsWith("⚠ Please fix 2 things", StringComparison.Ordinal));
        AssertProblemNextTo(refused, F.Handle, "Enter the account name or handle");
        AssertProblemNextTo(refused, F.SecondAdminEmail, AccountRequestValidator.SameAdministrator);
        Assert.Equal(invalid[F.Purpose]!.GetValue<string>(), InputValues(refused)[F.Purpose]);
        Assert.Equal(People.Staff.Email, InputValues(refused)[F.SecondAdminEmail]);

        // Corrected on the card that came back, it is stored and Sam gets the reference.
        var submitted = CardOf(await SubmitFormAsync(form, refused, ValidInputs()));
        Assert.Contains("Your request is with Comms", Texts(submitted));
        var reference = ReferenceIn(submitted);

        // The approval card is a new thread in the Comms approvals channel, and the first thing posted there since the invalid submit.
        var channelCard = await ApprovalCardPostedAsync(mark);
        Assert.Equal(reference, ReferenceIn(Content(channelCard)));
        Assert.Contains("Status: Pending", Texts(Content(channelCard)));

        // Everyone but the approver sees the card without buttons; the approver's own view has them.
        Assert.DoesNotContain("Approve", ActionTitles(Content(channelCard)));
        Assert.Contains("Approve", ActionTitles(await ViewOfAsync(channelCard, People.CommsApprover)));
        Assert.DoesNotContain("Approve", ActionTitles(await ViewOfAsync(channelCard, People.OtherStaff)));

        // Jordan is not an approver: a click anyway is refused, and the card is not updated.
        mark = Playground.Mark();
        var jordan = await DecideAsync(channelCard, People.OtherStaff, AccountRequestVerbs.Approve);
        Assert.Contains("Only the Comms team can decide", MessageOf(jordan), StringComparison.Ordinal);

        // Morgan approves: the decided card for Morgan, the channel card replaced for everyone, a notice for Sam.
        var morgan = CardOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve));
        Assert.Contains(Texts(morgan), text => text.StartsWith("Approved by Morgan Reid", StringComparison.Ordinal));
        var updated = Content(await CardUpdateAsync(mark, channelCard, "Status: Approved"));
        Assert.Contains(Texts(updated), text => text.StartsWith("Approved by Morgan Reid", StringComparison.Ordinal));
        Assert.DoesNotContain("Approve", ActionTitles(updated));
        // The outbox sends one conversation's messages in order, so an update caused by Jordan's click would have come first.
        Assert.Single(UpdatesOf(mark, channelCard));

        var notice = Content(await NoticeAsync(mark, reference, "Approved: your"));
        Assert.Contains(Texts(notice), text => text.Contains($"Morgan Reid approved request {reference}", StringComparison.Ordinal));

        // "my requests" lists it as approved.
        Assert.Equal("Approved", await MyRequestStatusAsync(reference));
    }

    [Fact]
    public async Task After_Comms_asks_for_changes_the_requester_edits_and_resubmits_and_the_channel_card_shows_version_2()
    {
        var (reference, channelCard) = await NewRequestAsync("@e2e_changes");

        var approverViewOfVersion1 = await ViewOfAsync(channelCard, People.CommsApprover);
        var mark = Playground.Mark();
        const string changes = "Please name who signs off posts when the officer is away.";
        var asked = CardOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.RequestChanges, new JsonObject { [F.ChangesMessage] = changes }));
        Assert.Contains(Texts(asked), text => text.StartsWith("Changes requested by Morgan Reid", StringComparison.Ordinal));
        Assert.Contains("Status: Changes requested", Texts(Content(await CardUpdateAsync(mark, channelCard, "Status: Changes requested"))));

        // Sam's notice carries the message and "Edit and resubmit", which opens the form filled in.
        var notice = await NoticeAsync(mark, reference, "Comms asked for changes to your request");
        Assert.Contains(changes, Texts(Content(notice)));
        var prefilled = CardOf(await ClickAsync(notice, People.Staff, AccountRequestVerbs.Edit));
        Assert.Contains($"Update your request {reference}", Texts(prefilled));
        var values = InputValues(prefilled);
        Assert.Equal("@e2e_changes", values[F.Handle]);
        Assert.Equal(People.OtherStaff.Email, values[F.SecondAdminEmail]);

        // Resubmitted with the sign-off changed (the confirmations are asked again every time).
        mark = Playground.Mark();
        var inputs = new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))))
        {
            [F.SignOff] = "Our communications officer, or the head of department when they are away.",
            [F.ConfirmPolicy] = "true",
            [F.ConfirmSecurity] = "true",
            [F.ConfirmTraining] = "true",
        };
        var resubmitted = CardOf(await SubmitFormAsync(notice, prefilled, inputs));
        Assert.Contains("Your updated request is with Comms", Texts(resubmitted));
        Assert.Equal(reference, ReferenceIn(resubmitted));

        var version2 = await CardUpdateAsync(mark, channelCard, "Version 2");
        Assert.Contains("Status: Pending", Texts(Content(version2)));
        Assert.Contains("Our communications officer, or the head of department when they are away.", Texts(Content(version2)));
        // Only the sign-off changed, and the card says so (a long text: "changed", the new text is on the card).
        Assert.Contains("What changed since version 1", Texts(Content(version2)));
        Assert.Equal(["**Sign-off for posts (4.15):** changed"], Texts(Content(version2)).Where(text => text.StartsWith("**", StringComparison.Ordinal) && text.EndsWith("changed", StringComparison.Ordinal)));

        // The replaced card decides on version 2; a click still carrying version 1 is refused.
        Assert.Contains("shows version 1", MessageOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve, shown: approverViewOfVersion1)), StringComparison.Ordinal);
        mark = Playground.Mark();
        CardOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve));
        await NoticeAsync(mark, reference, "Approved: your");
    }

    [Fact]
    public async Task Two_simultaneous_decisions_by_the_approver_make_one_decision_and_one_notice()
    {
        var (reference, channelCard) = await NewRequestAsync("@e2e_race");

        // Both clicks come from the same card, as two tabs showing it would send them (on a busy machine a view
        // fetched after the first decision landed would no longer have the buttons).
        var shown = await ViewOfAsync(channelCard, People.CommsApprover);
        var mark = Playground.Mark();
        var answers = await Task.WhenAll(
            DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve, shown: shown),
            DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Reject, new JsonObject { [F.RejectReason] = "duplicate", [F.RejectDetails] = "" }, shown));

        // One click decided; the other was told who decided.
        var decided = Assert.Single(answers, answer => TypeOf(answer) == AdaptiveCard);
        var told = Assert.Single(answers, answer => TypeOf(answer) == MessageAnswer);
        var approved = Texts(CardOf(decided)).Any(text => text.StartsWith("Approved by Morgan Reid", StringComparison.Ordinal));
        Assert.True(approved || Texts(CardOf(decided)).Any(text => text.StartsWith("Rejected by Morgan Reid", StringComparison.Ordinal)));
        Assert.Matches($"already {(approved ? "approved" : "rejected")} by Morgan Reid on ", MessageOf(told));

        var update = Content(await CardUpdateAsync(mark, channelCard, approved ? "Status: Approved" : "Status: Rejected"));
        Assert.Single(Texts(update), text => text.Contains(" · Morgan Reid · ", StringComparison.Ordinal));
        await NoticeAsync(mark, reference, approved ? "Approved: your" : "Not approved: your");

        // Everything the two clicks caused was queued before they were answered. A later request's
        // notice to Sam goes out after it (one conversation's messages in order, and each outbox pass
        // finishes before the next), so by then any second notice or update would have arrived.
        var (later, laterCard) = await NewRequestAsync("@e2e_after_race");
        await DecideAsync(laterCard, People.CommsApprover, AccountRequestVerbs.Approve);
        await NoticeAsync(mark, later, "Approved: your");

        Assert.Single(PersonalChatEventsSince(mark), e => e.Action == "createMessage" && IsAbout(e, reference));
        Assert.Single(UpdatesOf(mark, channelCard));
        Assert.Equal(approved ? "Approved" : "Rejected", await MyRequestStatusAsync(reference));
    }

    /// <summary>What a complete, valid form sends, as the card's inputs would (toggles as "true"/"false"); Jordan is the second administrator unless another is named.</summary>
    private JsonObject ValidInputs(string handle = "@e2e_malaria", PlaygroundPerson? secondAdministrator = null) => new()
    {
        [F.Platform] = "instagram",
        [F.Handle] = handle,
        [F.AlreadyExists] = "false",
        [F.UnitType] = "department",
        [F.UnitName] = "Department of Disease Control",
        [F.Purpose] = "Share our malaria research with the public and partners.",
        [F.Audiences] = "Researchers, funders and the public.",
        [F.StrategicAims] = "Public engagement with research, one of the department's aims.",
        [F.ContentPlan] = "New papers, field photos and events.",
        [F.PostingFrequency] = "weekly",
        [F.Evaluation] = "Reach and visits to our papers, reviewed every quarter.",
        [F.Resourcing] = "Our communications officer, about 3 hours a week.",
        [F.SignOff] = "The communications officer signs off every post.",
        [F.SecondAdminEmail] = (secondAdministrator ?? People.OtherStaff).Email,
        [F.ConfirmPolicy] = "true",
        [F.ConfirmSecurity] = "true",
        [F.ConfirmTraining] = "true",
    };

    private async Task<PlaygroundEvent> RequestFormAsync()
    {
        var form = await SayInPersonalChatAsync("request account");
        Assert.Contains("Request an official account", Texts(Content(form)));
        return form;
    }

    /// <summary>Clicks the submit button of <paramref name="card"/> (shown in <paramref name="message"/>) with these inputs.</summary>
    private Task<JsonElement> SubmitFormAsync(PlaygroundEvent message, JsonElement card, JsonObject inputs) =>
        ClickAsync(message, People.Staff, AccountRequestVerbs.Submit, inputs, card);

    /// <summary>A valid request from Sam; returns its reference and the approval card posted in the Comms channel.</summary>
    private async Task<(string Reference, PlaygroundEvent ChannelCard)> NewRequestAsync(string handle, PlaygroundPerson? secondAdministrator = null)
    {
        var form = await RequestFormAsync();
        var mark = Playground.Mark();
        var reference = ReferenceIn(CardOf(await SubmitFormAsync(form, Content(form), ValidInputs(handle, secondAdministrator))));
        var channelCard = await ApprovalCardPostedAsync(mark);
        Assert.Equal(reference, ReferenceIn(Content(channelCard)));
        return (reference, channelCard);
    }

    /// <summary>The next approval card the bot posts as a new thread in the Comms approvals channel.</summary>
    private Task<PlaygroundEvent> ApprovalCardPostedAsync(long mark) => NewCommsThreadAsync(mark, "Official account request");

    /// <summary>
    /// Clicks a decision button as <paramref name="person"/>, with the button's data and these inputs, on the card
    /// <paramref name="shown"/>, or else on the approver's current view of the channel card. A click by someone who is
    /// not an approver therefore carries data they could only have had from an approver's card: the bot must refuse it.
    /// </summary>
    private async Task<JsonElement> DecideAsync(PlaygroundEvent channelCard, PlaygroundPerson person, string verb, JsonObject? inputs = null, JsonElement? shown = null) =>
        await ClickAsync(channelCard, person, verb, inputs, shown ?? await ViewOfAsync(channelCard, People.CommsApprover));

    /// <summary>The approval card as <paramref name="person"/> sees it (approvers get the decision buttons through its refresh).</summary>
    private Task<JsonElement> ViewOfAsync(PlaygroundEvent channelCard, PlaygroundPerson person) =>
        RefreshedViewAsync(channelCard, person, AccountRequestVerbs.Refresh);

    /// <summary>The decision notice for <paramref name="reference"/> in Sam's personal chat.</summary>
    private Task<PlaygroundEvent> NoticeAsync(long mark, string reference, string headline) => PersonalCardAsync(mark, reference, headline);

    private static string ReferenceIn(JsonElement card) => PlaygroundCards.ReferenceIn(card, Reference());

    [GeneratedRegex(@"SMA-\d{4}-\d{4,}")]
    private static partial Regex Reference();
}
