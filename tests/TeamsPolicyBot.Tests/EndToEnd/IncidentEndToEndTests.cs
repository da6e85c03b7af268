using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Workflows.Incidents;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.Incidents.IncidentFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The incident workflow (issue 4) as people go through it in Teams: Sam reports an incident in the
/// personal chat, the triage card appears at once as a new thread in the Comms approvals channel,
/// Jordan (not an approver) is refused, Morgan (the Comms approver) takes it, asks Sam a question
/// that Sam answers from the personal chat, escalates it to Helen (senior management) and resolves
/// it; the channel card is replaced for everyone at every step and Sam is told. Every test makes its
/// own report, so they do not depend on each other; references simply increase.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed partial class IncidentEndToEndTests(PlaygroundFixture stack) : PlaygroundWorkflowTests(stack)
{
    private const string Question = "Has anyone from the trial team replied to the post yet, and if so who?";
    private const string Answer = "Not yet, our press officer was going to draft a reply this afternoon.";
    private const string OutcomeNotes = "We posted the trial team's statement under the original post and pinned it.";

    [Fact]
    public async Task An_urgent_report_is_triaged_in_the_Comms_channel_from_report_to_resolution_with_the_reporter_told_at_each_step()
    {
        // "report incident" in the personal chat brings the empty form; Sam sends an urgent, still-live report.
        var form = await ReportFormAsync();
        var mark = Playground.Mark();
        var reported = CardOf(await SubmitReportAsync(form, ValidInputs(form)));
        var reference = ReferenceIn(reported);
        Assert.Matches($"^INC-{DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture)}-\\d{{4,}}$", reference);
        Assert.Contains($"Report {reference} sent to Comms", Texts(reported));
        Assert.Contains("URGENT · spreading now or causing harm", Texts(reported));

        // At once, the triage card is a new thread in Comms approvals: urgent at a glance, with the reference.
        var channelCard = await TriageCardPostedAsync(mark, reference);
        var posted = Content(channelCard);
        Assert.Contains("URGENT · spreading now or causing harm", Texts(posted));
        Assert.Contains("Nobody in the Comms team has taken it yet.", Texts(posted));
        Assert.Contains($"{reference}: Misinformation about the university or its research", Texts(posted));
        // Not a compromised account: no checklist for Sam.
        Assert.DoesNotContain(Playground.BotEventsSince(mark), e => e.ConversationId == Tenant.PersonalChatId && IsAbout(e, reference));

        // The buttons are for the Comms approvers only: Teams fetches Morgan's own view through the card's refresh,
        // and everyone else, Jordan included, sees the card as posted, without them.
        Assert.Empty(ButtonTitles(posted));
        Assert.Contains("The Comms team deals with this report; this card shows each step.", Texts(posted));
        Assert.Equal([People.CommsApprover.Id], RefreshUserIds(posted));
        var morgansView = await RefreshedViewAsync(channelCard, People.CommsApprover, IncidentVerbs.Refresh);
        // "Add a note" sits with the notes, above the triage buttons, on the approvers' own view only.
        Assert.Equal(["Add a note", "Take ownership", "Ask the reporter", "Escalate to senior management", "Resolve"], ButtonTitles(morgansView));
        Assert.Empty(ButtonTitles(await RefreshedViewAsync(channelCard, People.OtherStaff, IncidentVerbs.Refresh)));

        // Jordan is not an approver: a "Take ownership" click anyway (as from an approver's card) is refused, and nothing changes.
        mark = Playground.Mark();
        var jordan = await ClickAsync(channelCard, People.OtherStaff, IncidentVerbs.Take, shown: morgansView);
        Assert.Equal(IncidentTriage.NotATriager, MessageOf(jordan));

        // Morgan takes ownership: the card for Morgan, the channel card replaced for everyone, a notice for Sam.
        var taken = CardOf(await ClickAsync(channelCard, People.CommsApprover, IncidentVerbs.Take, shown: morgansView));
        Assert.Contains(Texts(taken), text => text.StartsWith("Taken by Morgan Reid on ", StringComparison.Ordinal));
        var takenUpdate = await TriageUpdateAsync(mark, channelCard, text => text.StartsWith("Taken by Morgan Reid on ", StringComparison.Ordinal));
        Assert.Single(Texts(Content(takenUpdate)), text => text.StartsWith("Taken by Morgan Reid on ", StringComparison.Ordinal));
        Assert.DoesNotContain("Take ownership", ActionTitles(Content(takenUpdate)));
        var takenNotice = Content(await PersonalCardAsync(mark, reference, "Comms is on it"));
        Assert.Contains(Texts(takenNotice), text => text.StartsWith("Morgan Reid took your report on ", StringComparison.Ordinal) && text.EndsWith(" and is looking into it.", StringComparison.Ordinal));
        // The outbox sends one conversation's messages in order, so anything caused by Jordan's click would have come first.
        Assert.Single(UpdatesOf(mark, channelCard));
        Assert.Single(PersonalChatEventsSince(mark));

        // Morgan asks Sam a question: the card shows it waiting, and Sam gets it in the personal chat.
        mark = Playground.Mark();
        var asked = CardOf(await ClickAsync(channelCard, People.CommsApprover, IncidentVerbs.Ask, new JsonObject { [F.Question] = Question }, shown: taken));
        Assert.Contains($"**Q1.** {Question}", Texts(asked));
        var askedUpdate = Content(await TriageUpdateAsync(mark, channelCard, text => text == $"**Q1.** {Question}"));
        Assert.Contains("Waiting for the reporter's answer.", Texts(askedUpdate));
        var questionCard = await PersonalCardAsync(mark, reference, "Comms has a question");
        Assert.Contains(Question, Texts(Content(questionCard)));
        Assert.Contains(Texts(Content(questionCard)), text => text.StartsWith("Morgan Reid, ", StringComparison.Ordinal));
        Assert.Contains("Answer", ActionTitles(Content(questionCard)));

        // Sam answers on that card: the card confirms it, the answer goes into the thread as a reply and onto the card.
        mark = Playground.Mark();
        var answered = CardOf(await ClickAsync(questionCard, People.Staff, IncidentVerbs.Answer, new JsonObject { [F.Answer] = Answer }));
        Assert.Contains("✔ Your answer was sent to Comms", Texts(answered));
        Assert.Contains(Answer, Texts(answered));
        Assert.DoesNotContain("Answer", ActionTitles(answered));
        var reply = await NextAsync(() => Playground.NextBotMessageAsync(mark, e => e.ConversationId == channelCard.PostConversationId, Timeout));
        Assert.Equal($"**Sam Taylor answered question 1** (\"{Question}\"):\n\n{Answer}", reply.Text);
        await TriageUpdateAsync(mark, channelCard, text => text == $"**Answer:** {Answer}");

        // Morgan escalates: the card shows it, Sam is told, and Helen, who has never talked to the bot, gets a 1:1 summary.
        mark = Playground.Mark();
        var recorded = Stack.Recording.Read().Count;
        var escalated = CardOf(await ClickAsync(channelCard, People.CommsApprover, IncidentVerbs.Escalate, shown: asked));
        Assert.Contains(Texts(escalated), text => text.StartsWith("Escalated to senior management by Morgan Reid on ", StringComparison.Ordinal));
        Assert.DoesNotContain("Escalate to senior management", ActionTitles(escalated));
        var escalatedUpdate = Content(await TriageUpdateAsync(mark, channelCard, text => text.StartsWith("Escalated to senior management by Morgan Reid on ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Escalate to senior management", ActionTitles(escalatedUpdate));
        var escalatedNotice = Content(await PersonalCardAsync(mark, reference, "Your report went to senior managers"));
        Assert.Contains(Texts(escalatedNotice), text => text.StartsWith("Morgan Reid in the Comms team passed your report to the university's senior managers on ", StringComparison.Ordinal));
        var summary = await EscalationSummaryAsync(recorded, reference);
        Assert.Contains($"Incident {reference} escalated to you", Texts(summary));
        Assert.Contains(Strings(summary), s => s.StartsWith($"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(Tenant.CommsChannelId)}/", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(escalatedUpdate), text => text.Contains(IncidentAuditActions.EscalationNotDelivered, StringComparison.Ordinal));

        // Morgan resolves with an outcome and notes: the card shows it resolved, with no buttons left; Sam gets the outcome.
        mark = Playground.Mark();
        var resolved = CardOf(await ClickAsync(channelCard, People.CommsApprover, IncidentVerbs.Resolve, new JsonObject { [F.Outcome] = "responsePosted", [F.OutcomeNotes] = OutcomeNotes }, shown: escalated));
        Assert.Contains(Texts(resolved), text => text.StartsWith("✔ Resolved by Morgan Reid on ", StringComparison.Ordinal) && text.EndsWith(": Response posted", StringComparison.Ordinal));
        var resolvedUpdate = Content(await TriageUpdateAsync(mark, channelCard, text => text.StartsWith("✔ Resolved by Morgan Reid on ", StringComparison.Ordinal)));
        Assert.Contains(Texts(resolvedUpdate), text => text.StartsWith("✔ Resolved by Morgan Reid on ", StringComparison.Ordinal) && text.EndsWith(": Response posted", StringComparison.Ordinal));
        Assert.Contains(OutcomeNotes, Texts(resolvedUpdate));
        Assert.Empty(ButtonTitles(resolvedUpdate));
        Assert.Empty(RefreshUserIds(resolvedUpdate));
        // The card's history: every step, by whom.
        Assert.Equal(
            [
                ("Sam Taylor", "Reported (Urgent)"), ("Morgan Reid", "Taken"), ("Morgan Reid", "Question asked"), ("Sam Taylor", "Reporter answered"),
                ("Morgan Reid", "Escalated to senior management"), ("Morgan Reid", $"Resolved (Response posted: {OutcomeNotes})"),
            ],
            History(resolvedUpdate));
        var resolvedNotice = Content(await PersonalCardAsync(mark, reference, "Resolved: Response posted"));
        // The outcome is said once, in the headline ("Resolved: Response posted"), not again as "Outcome: Response posted".
        Assert.Single(ShownStrings(resolvedNotice), text => text.Contains("Response posted", StringComparison.Ordinal));
        Assert.Contains(Texts(resolvedNotice), text => text.StartsWith("Morgan Reid resolved your report on ", StringComparison.Ordinal));
        Assert.Contains(OutcomeNotes, Texts(resolvedNotice));

        // "my requests" lists it as resolved, with the outcome.
        Assert.Equal("Resolved: Response posted", await MyRequestStatusAsync(reference));
    }

    [Fact]
    public async Task A_compromised_official_account_gets_the_reporter_the_checklist_as_well_as_the_confirmation()
    {
        var form = await ReportFormAsync();
        var inputs = ValidInputs(form);
        inputs[F.What] = "Our department's Instagram account posted crypto adverts overnight and the password no longer works.";
        inputs[F.Links] = "https://www.instagram.com/p/e2e-compromised/";
        inputs[F.Platform] = "instagram";
        inputs[F.PostedBy] = "officialAccount";
        inputs[F.Kind] = "compromised";

        var mark = Playground.Mark();
        var reported = CardOf(await SubmitReportAsync(form, inputs));
        var reference = ReferenceIn(reported);
        Assert.Contains($"Report {reference} sent to Comms", Texts(reported));

        // The checklist in Sam's personal chat, for this report and this platform.
        var checklist = Content(await PersonalCardAsync(mark, reference, "Do this now: secure the Instagram account"));
        Assert.Contains(Texts(checklist), text => text.StartsWith($"For {reference}.", StringComparison.Ordinal));
        foreach (var step in new[] { "**Change the password**", "**Log all sessions out**", "**Check two-factor authentication**", "**Check the recovery details**" })
        {
            Assert.Contains(Texts(checklist), text => text.Contains(step, StringComparison.Ordinal));
        }

        // And Comms has the triage card as for any report.
        var channelCard = Content(await TriageCardPostedAsync(mark, reference));
        Assert.Contains($"{reference}: An official account that seems compromised (hacked, phishing, lost access)", Texts(channelCard));
        Assert.Single(PersonalChatEventsSince(mark));
    }

    /// <summary>A complete, valid urgent report of misinformation that is still live, noticed on the day the form proposes.</summary>
    private static JsonObject ValidInputs(PlaygroundEvent form) => ValidReport(Content(form));

    /// <summary>A complete, valid urgent report of misinformation that is still live, noticed on the day <paramref name="form"/> proposes (in the chat or a dialog).</summary>
    internal static JsonObject ValidReport(JsonElement form) => new()
    {
        [F.What] = "A post claims our malaria vaccine trial was stopped for safety reasons. It was not, and it is being shared widely.",
        [F.Links] = "https://x.com/someone/status/1897000000000000000",
        [F.Platform] = "x",
        [F.PlatformOther] = "",
        [F.PostedBy] = "outside",
        [F.Kind] = "misinformation",
        [F.NoticedOn] = InputValues(form)[F.NoticedOn],
        [F.StillLive] = "yes",
        [F.Urgency] = "urgent",
        [F.Evidence] = "Screenshots in my OneDrive.",
        [F.ActionsTaken] = "",
    };

    private async Task<PlaygroundEvent> ReportFormAsync()
    {
        var form = await SayInPersonalChatAsync("report incident");
        Assert.Contains("Report a social media incident", Texts(Content(form)));
        return form;
    }

    private Task<JsonElement> SubmitReportAsync(PlaygroundEvent form, JsonObject inputs) =>
        ClickAsync(form, People.Staff, IncidentVerbs.Submit, inputs);

    private async Task<PlaygroundEvent> TriageCardPostedAsync(long mark, string reference)
    {
        var card = await NewCommsThreadAsync(mark, "incident report");
        Assert.Equal(reference, ReferenceIn(Content(card)));
        return card;
    }

    /// <summary>The next in-place update of the triage card with a text that <paramref name="shows"/> matches.</summary>
    private Task<PlaygroundEvent> TriageUpdateAsync(long mark, PlaygroundEvent channelCard, Func<string, bool> shows) =>
        NextAsync(() => Playground.NextBotUpdateAsync(
            mark,
            e => e.MessageId == channelCard.MessageId && Texts(Content(e)).Any(shows),
            Timeout));

    /// <summary>The summary card the bot sent Helen, who has never talked to the bot (in a 1:1 chat it created).</summary>
    private async Task<JsonElement> EscalationSummaryAsync(int recorded, string reference) =>
        (await PrivateCardAsync(recorded, People.SeniorManager, reference)).Card;

    /// <summary>The card's history lines ("when · who · what") as (who, what), oldest first.</summary>
    private static List<(string Who, string What)> History(JsonElement card) =>
        [.. Texts(card).SkipWhile(text => text != "History").Skip(1).Select(text => text.Split(" · ", 3)).Select(parts => (parts[1], parts[2]))];

    private static string ReferenceIn(JsonElement card) => PlaygroundCards.ReferenceIn(card, Reference());

    [GeneratedRegex(@"INC-\d{4}-\d{4,}")]
    private static partial Regex Reference();
}
