using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Turns a referral into the card each audience may see, and no more: the channel card is built from the reference, urgency and status only.</summary>
internal sealed class SupportCards(CardTemplates templates, IOptions<SupportResourcesOptions> resources)
{
    public Attachment Welcome(SupportForm prefill) =>
        templates.RenderAttachment(SupportCardNames.Welcome, new SupportCard(Emergency, Others, prefill) { EmergencyNumber = EmergencyNumber, ReplyExpectation = ReplyExpectation });

    /// <summary>For someone whose colleague is being harassed: guidance and the incident route; no case, nobody told.</summary>
    public Attachment Colleague() =>
        templates.RenderAttachment(SupportCardNames.Colleague, new SupportColleagueCard(Emergency, Others, EmergencyNumber));

    public Attachment Form(SupportFormCard card) => templates.RenderAttachment(SupportCardNames.Form, card with { EmergencyNumber = EmergencyNumber });

    public Attachment Confirm(SupportConfirmCard card) => templates.RenderAttachment(SupportCardNames.Confirm, card with { EmergencyNumber = EmergencyNumber });

    public Attachment Requested(SupportReferral referral) =>
        templates.RenderAttachment(SupportCardNames.Requested, new SupportRequestedCard(referral.Reference, referral.IsUrgent, Emergency, Others, ManagerLineForPerson(referral))
        {
            CanWithdraw = referral.IsOpen,
            EmergencyNumber = EmergencyNumber,
            ReplyExpectation = ReplyExpectation,
        });

    /// <summary>
    /// The person's kind confirmation after withdrawing, replacing the card they withdrew from: they can ask again at any
    /// time, and where support is meanwhile. Their line manager is not told (see <see cref="SupportWithdrawal"/>).
    /// </summary>
    public Attachment Withdrawn(SupportReferral referral) =>
        templates.RenderAttachment(SupportCardNames.Withdrawn, new SupportWithdrawnCard(
            referral.Reference,
            CardDates.DateAndTime(referral.Withdrawal!.At),
            referral.Handler is { } handler
                ? $"{Markdown.Escape(handler.By.Name)}, who was looking after it, has been told{(referral.Withdrawal.Reason is null ? "" : ", with your note")}."
                : "No case handler had taken it yet; the Comms channel sees only that it was withdrawn.",
            Emergency,
            Others));

    public Attachment ManagerNotice(SupportReferral referral) =>
        templates.RenderAttachment(SupportCardNames.ManagerNotice, new ManagerNoticeCard(
            referral.Reference,
            Markdown.Escape(referral.Person.Name),
            referral.ManagerMaySeeDetails,
            referral.ManagerMaySeeDetails ? SupportSummary.From(referral.Details) : null)
        {
            Contact = ManagerContact(referral),
            DignityPolicyUrl = string.IsNullOrWhiteSpace(resources.Value.DignityPolicyUrl) ? "" : resources.Value.DignityPolicyUrl,
        });

    /// <summary>
    /// Who the manager may contact: the case handler by name once one has the case (told later, with the person's
    /// agreement); before that the case handlers as a team, with <c>Support:ContactEmail</c> when it is set.
    /// </summary>
    private string ManagerContact(SupportReferral referral) => (referral.Handler, resources.Value.ContactEmail) switch
    {
        ({ } handler, _) => $"{Markdown.Escape(handler.By.Name)}, the case handler in the Communications & Engagement team who looks after this. You can message them in Teams.",
        (null, { Length: > 0 } email) => $"the Comms team's case handlers, at {Markdown.Escape(email)}. One of them looks after this.",
        _ => "the Comms team's case handlers, in the Communications & Engagement team. One of them looks after this.",
    };

    /// <summary>
    /// The Comms channel card as one viewer sees it: "Take case" for <paramref name="viewer"/> who may take it, "Send me
    /// the details again" for the one who took it. The confidentiality rule: nothing from
    /// <see cref="SupportReferral.Details"/> but urgency, and no names but the case handler's.
    /// </summary>
    public Attachment Channel(SupportReferral referral, ChannelCardViewer viewer, IReadOnlyList<string>? refreshUserIds = null) =>
        templates.RenderAttachment(SupportCardNames.Channel, new SupportChannelCard(
            referral.Reference,
            referral.IsUrgent,
            referral.IsUrgent ? "URGENT: feels unsafe now" : "Not marked urgent",
            // While taken, who took it and when is the status: "A case handler is looking after it" above it said it twice.
            referral.Status == ReferralStatus.Taken ? HandlerLine(referral) : SupportIndex.StatusText(referral),
            referral.Status == ReferralStatus.Taken ? "" : HandlerLine(referral),
            referral.Status == ReferralStatus.New && viewer.MayTake,
            referral.Status == ReferralStatus.Taken && viewer.TookIt)
        {
            RefreshUserIds = referral.IsOpen ? refreshUserIds ?? [] : [],
        });

    /// <summary>
    /// The case card, for the case handler who has the case and nobody else (see <see cref="Records.Visibility"/>), with
    /// "Hand over" when <paramref name="handOver"/> offers anyone.
    /// </summary>
    public Attachment Case(SupportReferral referral, string error = "", HandOverChoices? handOver = null)
    {
        handOver ??= HandOverChoices.None;
        var (messages, earlierMessages) = LatestEntries.Of(referral.Messages, referral.EarlierMessages, SupportCaseCard.MessagesShown, "message");
        var (actions, earlierActions) = LatestEntries.Of(referral.Actions, referral.EarlierActions, SupportCaseCard.ActionsShown, "action");
        var (handOvers, earlierHandOvers) = LatestEntries.Of(referral.HandOvers, referral.EarlierHandOvers, SupportCaseCard.HandOversShown, "hand-over");
        return templates.RenderAttachment(SupportCardNames.Case, new SupportCaseCard(
            referral.Reference,
            Markdown.Escape(referral.Person.Name),
            CardDates.DateAndTime(referral.CreatedAt),
            SupportSummary.From(referral.Details),
            ManagerLineForHandler(referral))
        {
            EmergencyNumber = EmergencyNumber,
            IsOpen = referral.IsOpen,
            ManagerAlert = referral.IsOpen ? ManagerAlertForHandler(referral) : "",
            ManagerAlertStyle = referral.Details.ManagerSharing == ManagerSharing.ManagerInvolved ? "attention" : "warning",
            CanTellManager = referral.Status == ReferralStatus.Taken && referral.WaitsToTellManager,
            CanHandOver = referral.Status == ReferralStatus.Taken && handOver.Any,
            HandOverChoices = handOver.Named,
            HandOverByPicker = handOver.ByPicker,
            HandOvers = handOvers.Select(h => new CaseLine($"{Markdown.Escape(h.From.By.Name)} to {Markdown.Escape(h.To.Name)}, {CardDates.DateAndTime(h.From.At)}", Markdown.Excerpt(h.Note, SupportCaseCard.TextShown))).ToList(),
            EarlierHandOvers = earlierHandOvers,
            DraftId = NewDraftId(),
            ClosureLine = (referral.Closure, referral.Withdrawal) switch
            {
                ({ } closed, _) => $"Closed by {Markdown.Escape(closed.Closed.By.Name)} on {CardDates.DateAndTime(closed.Closed.At)}: {SupportChoices.Outcomes.TitleOf(closed.Outcome)}",
                (_, { } withdrawn) => $"Withdrawn by {Markdown.Escape(referral.Person.Name)} on {CardDates.DateAndTime(withdrawn.At)}: they no longer need support",
                _ => "",
            },
            ClosureNotes = referral.Closure is { } closure
                ? Markdown.Escape(closure.Notes)
                : referral.Withdrawal?.Reason is { } reason ? "Their note: " + Markdown.Escape(reason) : "",
            Messages = messages.Select(m => new CaseLine($"{Markdown.Escape(m.From.Name)}, {CardDates.DateAndTime(m.At)}", Markdown.Excerpt(m.Text, SupportCaseCard.TextShown))).ToList(),
            EarlierMessages = earlierMessages,
            Actions = actions.Select(a => new CaseLine($"{Markdown.Escape(a.Recorded.By.Name)}, {CardDates.DateAndTime(a.Recorded.At)}", Markdown.Excerpt(a.Text, SupportCaseCard.TextShown))).ToList(),
            EarlierActions = earlierActions,
            Error = error,
        });
    }

    /// <summary>
    /// What replaces every case card of the case handler who handed the case over: who has it now, and none of the details
    /// (not the person's name, what happened, the messages or the notes): they are no longer theirs to see.
    /// </summary>
    public Attachment HandedOver(SupportReferral referral, CaseHandOver handOver) => Notice(
        referral.Reference,
        "You handed this case over",
        $"You handed {referral.Reference} over to {Markdown.Escape(handOver.To.Name)} on {CardDates.DateAndTime(handOver.From.At)}. They look after it now; nothing more is needed from you, and its details are no longer shown here.",
        "good");

    /// <summary>A relayed message, for the other side: the person gets a reply box to the handler, the handler one back.</summary>
    public Attachment Message(SupportReferral referral, CaseMessage message, bool forSender = false, string error = "")
    {
        var open = referral.IsOpen;
        var name = Markdown.Escape(message.From.Name);
        var headline = forSender
            ? "Your reply was sent"
            : message.FromHandler ? $"{name}, your support case handler, wrote" : $"{name} replied";
        var replyVerb = !open || forSender ? "" : message.FromHandler ? SupportVerbs.Reply : SupportVerbs.Message;
        return templates.RenderAttachment(SupportCardNames.Message, new SupportMessageCard(referral.Reference, headline, Markdown.Escape(message.Text), CardDates.DateAndTime(message.At), replyVerb) { DraftId = NewDraftId(), Error = error });
    }

    /// <summary>Who has the case, for the channel: a case handler's name only, never the person's.</summary>
    private static string HandlerLine(SupportReferral referral) => referral.Handler is not { } handler
        ? ""
        : referral.HandOverCount > 0
            ? $"Handed over to {Markdown.Escape(handler.By.Name)} on {CardDates.DateAndTime(handler.At)}"
            : $"Taken by {Markdown.Escape(handler.By.Name)} on {CardDates.DateAndTime(handler.At)}";

    /// <param name="canWithdraw">For the person, while their request is open: "I no longer need support" under the notice.</param>
    public Attachment Notice(string reference, string headline, string detail, string style, bool canWithdraw = false) =>
        templates.RenderAttachment(SupportCardNames.Notice, new SupportNoticeCard(reference, headline, detail, style) { CanWithdraw = canWithdraw });

    /// <summary>Each rendering of a card with a message or action box gets its own: what is sent from it is stored once however often the click arrives.</summary>
    private static string NewDraftId() => Guid.NewGuid().ToString("N");

    /// <summary>Typed by whoever configured the bot, not by a user; escaped all the same, it goes into card text.</summary>
    private string EmergencyNumber => Markdown.Escape(resources.Value.EmergencyNumber);

    private string ReplyExpectation => Markdown.Escape(resources.Value.ReplyExpectationText);

    private IReadOnlyList<ResourceLine> Emergency => ResourceLine.Of(resources.Value.Effective.Where(r => r.Emergency));

    private IReadOnlyList<ResourceLine> Others => ResourceLine.Of(resources.Value.Effective.Where(r => !r.Emergency));

    private static string ManagerLineForPerson(SupportReferral referral)
    {
        var who = referral.Manager.Name ?? referral.Manager.Email;
        var what = referral.ManagerMaySeeDetails ? "the full details of your request" : "that you asked for support, and how to support you";
        return (referral.Details.ManagerSharing, referral.ManagerToldLater, referral.Manager.AadObjectId, who) switch
        {
            (ManagerSharing.ManagerInvolved, _, _, _) => "Your line manager is not told, and the bot will never tell them: you said they are involved. Your case handler knows this.",
            (ManagerSharing.TalkFirst, null, _, _) => "Your line manager is not told now. Your case handler will talk with you first, and tells them only if you agree, and only what you agree.",
            (ManagerSharing.TalkFirst, { } told, _, { } name) => $"{Markdown.Escape(told.Told.By.Name)}, your case handler, told your line manager, {Markdown.Escape(name)}, {what}, as you agreed.",
            (ManagerSharing.TalkFirst, { } told, _, null) => $"{Markdown.Escape(told.Told.By.Name)}, your case handler, told your line manager {what}, as you agreed.",
            _ => ManagerLineForPersonToldAtOnce(referral.Manager.AadObjectId, who, what),
        };
    }

    private static string ManagerLineForPersonToldAtOnce(string? managerId, string? who, string what) =>
        (managerId, who) switch
        {
            (null, _) => $"A case handler will let your line manager ({Markdown.Escape(who)}) know {what}.",
            (_, null) => $"Your line manager is told {what}.",
            _ => $"Your line manager, {Markdown.Escape(who)}, is told {what}.",
        };

    /// <summary>The case card's alert, while open: "talk first" not told yet, or the manager involved; "" otherwise.</summary>
    private static string ManagerAlertForHandler(SupportReferral referral) => (referral.Details.ManagerSharing, referral.ManagerToldLater) switch
    {
        (ManagerSharing.ManagerInvolved, _) => "**Important: their line manager is involved in what is happening.** They have not been told, and the bot will never tell them. Do not contact their line manager about this request.",
        (ManagerSharing.TalkFirst, null) => $"**Important: {Markdown.Escape(referral.Person.Name)} would like to talk to you before their line manager is told.** Their line manager knows nothing yet. Talk it through with them. If they agree, tell their line manager here, with what they agreed: the bot sends the notice and tells {Markdown.Escape(referral.Person.Name)}.",
        _ => "",
    };

    private static string ManagerLineForHandler(SupportReferral referral)
    {
        switch (referral.Details.ManagerSharing, referral.ManagerToldLater)
        {
            case (ManagerSharing.ManagerInvolved, _):
                return "involved in what is happening, the person says: not told, and never told by the bot";
            case (ManagerSharing.TalkFirst, null):
                return "not told yet: they would like to talk to you first";
            case (ManagerSharing.TalkFirst, { } told):
                return $"{Markdown.Escape(referral.Manager.Label)}, told by {Markdown.Escape(told.Told.By.Name)} on {CardDates.DateAndTime(told.Told.At)} as the person agreed: {SupportChoices.LaterSharing.TitleOf(told.Sharing).ToLowerInvariant()}";
        }

        var who = Markdown.Escape(referral.Manager.Label);
        var sharing = referral.ManagerMaySeeDetails ? "may see the full details" : "may know only that a referral exists";
        return referral.Manager.AadObjectId is null
            ? $"{who} (typed by the person: the bot cannot message them, please let them know), {sharing}"
            : $"{who}, {sharing}";
    }
}

/// <summary>Who is looking at the Comms channel card: a case handler who may take it, and whether they took it.</summary>
internal sealed record ChannelCardViewer(bool MayTake, bool TookIt)
{
    /// <summary>The shared card when the people who may act cannot be told apart: everyone gets the buttons (clicks are checked).</summary>
    public static ChannelCardViewer Anyone { get; } = new(MayTake: true, TookIt: true);

    /// <summary>The shared card when they can: no buttons; theirs come through the card's refresh.</summary>
    public static ChannelCardViewer Onlooker { get; } = new(MayTake: false, TookIt: false);
}
