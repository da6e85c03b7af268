using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>A choice as a card's Input.ChoiceSet lists it.</summary>
internal sealed record ChoiceLine(string Title, string Value)
{
    public static IReadOnlyList<ChoiceLine> Of<T>(ChoiceSet<T> set)
        where T : struct, Enum => set.Choices.Select(c => new ChoiceLine(c.Title, c.Value)).ToList();
}

/// <summary>One place to get support now, escaped.</summary>
internal sealed record ResourceLine(string Name, string Description, string Contact)
{
    public static IReadOnlyList<ResourceLine> Of(IEnumerable<SupportResource> resources) =>
        resources.Select(r => new ResourceLine(Markdown.Escape(r.Name), Markdown.Escape(r.Description), Markdown.Escape(r.Contact))).ToList();
}

/// <summary>
/// Binds cards/harassment-support/support.json: the warm card shown before any form. "Ask for support"
/// (Action.Execute <c>support.form</c>) carries what the incident form handed over under <c>form</c>.
/// </summary>
/// <param name="Form">Raw values to prefill the form with (from the incident form), or empty.</param>
internal sealed record SupportCard(IReadOnlyList<ResourceLine> Emergency, IReadOnlyList<ResourceLine> Resources, SupportForm Form)
{
    /// <summary><c>Support:EmergencyNumber</c>, escaped: every card that says "call 999" says this instead.</summary>
    public string EmergencyNumber { get; init; } = "";

    /// <summary><c>Support:ReplyExpectation</c> with the emergency number in it, escaped.</summary>
    public string ReplyExpectation { get; init; } = "";
}

/// <summary>Binds cards/harassment-support/colleague.json: supporting a colleague, with "Report an incident" (<c>incident.report</c>).</summary>
internal sealed record SupportColleagueCard(IReadOnlyList<ResourceLine> Emergency, IReadOnlyList<ResourceLine> Resources, string EmergencyNumber);

/// <summary>Binds cards/harassment-support/form.json: the referral form, new or with its problems next to the fields.</summary>
internal sealed record SupportFormCard(string SubmissionId, SupportForm Values)
{
    /// <summary>Set by <see cref="SupportCards"/> from <c>Support:EmergencyNumber</c>.</summary>
    public string EmergencyNumber { get; init; } = "";

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool HasErrors => Errors.Count > 0;

    public string ErrorSummary => FormInputs.ProblemsSummary(Errors.Count, "check");

    public IReadOnlyList<ChoiceLine> Platforms { get; } = ChoiceLine.Of(SocialPlatforms.Choices);
    public IReadOnlyList<ChoiceLine> Since { get; } = ChoiceLine.Of(SupportChoices.Since);
    public IReadOnlyList<ChoiceLine> Ongoing { get; } = ChoiceLine.Of(SupportChoices.Ongoing);
    public IReadOnlyList<ChoiceLine> WorkRelations { get; } = ChoiceLine.Of(SupportChoices.WorkRelations);
    public IReadOnlyList<ChoiceLine> Needs { get; } = ChoiceLine.Of(SupportChoices.Needs);
    public IReadOnlyList<ChoiceLine> Sharing { get; } = ChoiceLine.Of(SupportChoices.Sharing);
}

/// <summary>The referral's content in words, every typed string escaped: for the person, the case handler, and the manager if allowed.</summary>
internal sealed record SupportSummary(
    string What,
    string Platforms,
    IReadOnlyList<string> Links,
    string Since,
    string Ongoing,
    string WorkRelation,
    bool IsUrgent,
    string Urgency,
    IReadOnlyList<string> Needs,
    string Sharing)
{
    public bool HasLinks => Links.Count > 0;

    /// <summary>What a card shows for a question the person left empty: only what is happening and the manager choice are required.</summary>
    public const string NotGiven = "Not given";

    public static SupportSummary From(SupportDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new(
            Markdown.Escape(details.What),
            details.Platforms.Count > 0 ? Markdown.Escape(details.PlatformNames) : NotGiven,
            details.Links.Select(Markdown.Link).ToList(),
            SinceText(details),
            details.Ongoing is { } ongoing ? SupportChoices.Ongoing.TitleOf(ongoing) : NotGiven,
            details.WorkRelation is { } work ? SupportChoices.WorkRelations.TitleOf(work) : NotGiven,
            details.FeelsUnsafe,
            details.FeelsUnsafe ? "URGENT: feels unsafe now" : "Not marked urgent",
            details.Needs.Count > 0 ? details.Needs.Select(SupportChoices.Needs.TitleOf).ToList() : [NotGiven],
            SupportChoices.Sharing.TitleOf(details.ManagerSharing));
    }

    /// <summary>The choice ("This month"); on a request stored when the form asked for a day, that day ("20 Feb 2026").</summary>
    private static string SinceText(SupportDetails details) => (details.SinceWhen, details.Since) switch
    {
        ({ } when, _) => SupportChoices.Since.TitleOf(when),
        (null, { } day) => CardDates.Date(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        _ => NotGiven,
    };
}

/// <summary>
/// Binds cards/harassment-support/confirm.json: what will be sent and who will be told, before anything is sent.
/// "Send my request" (<c>support.confirm</c>) and "Change something" (<c>support.edit</c>) carry the typed form.
/// </summary>
/// <param name="ManagerLabel">The manager found, escaped ("Alex Morgan (alex@…)"), or "" when none was found.</param>
/// <param name="ShownManagerId">The manager's object id the person saw, or "".</param>
internal sealed record SupportConfirmCard(string SubmissionId, SupportForm Form, SupportSummary Summary, string ManagerLabel, string ShownManagerId)
{
    /// <summary>Set by <see cref="SupportCards"/> from <c>Support:EmergencyNumber</c>.</summary>
    public string EmergencyNumber { get; init; } = "";

    /// <summary>When urgent, the senior managers who will be told at once, by name (escaped); "" otherwise.</summary>
    public string SeniorManagers { get; init; } = "";

    public bool ManagerFound => ManagerLabel.Length > 0;

    public bool ManagerSeesDetails { get; init; }

    /// <summary>The typed manager email (raw), shown again with <see cref="ManagerEmailError"/>.</summary>
    public string ManagerEmail { get; init; } = "";

    public string ManagerEmailError { get; init; } = "";

    /// <summary>A problem with the people picker's choice, or "".</summary>
    public string ManagerIdError { get; init; } = "";

    /// <summary>Why the lookup found nobody, in words, or "".</summary>
    public string LookupNote { get; init; } = "";

    /// <summary>"Talk first" or "involved": what happens instead of telling the manager (nothing asked, no manager shown), or "".</summary>
    public string ManagerNotToldNow { get; init; } = "";

    /// <summary>The manager is told when this is sent: found in the directory, or asked for when not found.</summary>
    public bool ManagerToldNow => ManagerNotToldNow.Length == 0;
}

/// <summary>
/// Binds cards/harassment-support/requested.json: the person's confirmation, replacing the confirm card, with "I no
/// longer need support" (an Action.ShowCard: an optional note, then "Withdraw my request", <c>support.withdraw</c>).
/// </summary>
internal sealed record SupportRequestedCard(string Reference, bool IsUrgent, IReadOnlyList<ResourceLine> Emergency, IReadOnlyList<ResourceLine> Resources, string ManagerLine)
{
    /// <summary>Still open: neither closed nor withdrawn (a replayed "Send my request" may render it later).</summary>
    public bool CanWithdraw { get; init; }

    public string EmergencyNumber { get; init; } = "";

    /// <summary><c>Support:ReplyExpectation</c> with the emergency number in it, escaped.</summary>
    public string ReplyExpectation { get; init; } = "";
}

/// <summary>Binds cards/harassment-support/withdrawn.json: the person's confirmation that their request is withdrawn.</summary>
/// <param name="HandlerLine">Who was told: the case handler by name (escaped), or that nobody had taken it yet.</param>
internal sealed record SupportWithdrawnCard(string Reference, string WithdrawnOn, string HandlerLine, IReadOnlyList<ResourceLine> Emergency, IReadOnlyList<ResourceLine> Resources);

/// <summary>Binds cards/harassment-support/manager.json: the line manager's 1:1, with the details only when the person allowed it.</summary>
internal sealed record ManagerNoticeCard(string Reference, string PersonName, bool MaySeeDetails, SupportSummary? Summary)
{
    /// <summary>Who to contact, in words (escaped): the case handler by name once taken, else the case handlers and <c>Support:ContactEmail</c>.</summary>
    public string Contact { get; init; } = "";

    /// <summary><c>Support:DignityPolicyUrl</c> (checked at start-up as a whole https address), or "".</summary>
    public string DignityPolicyUrl { get; init; } = "";

    public bool HasDignityPolicy => DignityPolicyUrl.Length > 0;
}

/// <summary>
/// Binds cards/harassment-support/channel.json: the Comms channel card. It holds NO personal details and none of the
/// typed text: only the reference, urgency, status, the case handler's name once taken, and the viewer's buttons.
/// </summary>
/// <param name="Status">"Waiting for a case handler", "Taken by Sam Carter on 4 Mar 2026 at 09:20" (or "Handed over to …") while taken, "Withdrawn" or "Closed: …".</param>
/// <param name="HandlerLine">Once closed or withdrawn, who had taken it and when; "" otherwise (while taken the status says it).</param>
/// <param name="CanTake">Waiting, and this view is for a case handler: "Take case".</param>
/// <param name="CanResend">Taken and open, and this view is for the owner: "Send me the details again" (<c>support.take</c>).</param>
internal sealed record SupportChannelCard(string Reference, bool IsUrgent, string Urgency, string Status, string HandlerLine, bool CanTake, bool CanResend)
{
    /// <summary>
    /// The Teams user ids ("29:...") whose Teams fetches their own view through <c>support.refresh</c>: the case
    /// handlers while the case waits, then the one who took it.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];
}

/// <summary>
/// Binds cards/harassment-support/case.json: the full details, in a 1:1, for the case handler who took the case. While
/// open: "Send" a message to the person (<c>support.message</c>), "Record action" (<c>support.action</c>), "Close
/// the case" (<c>support.close</c>) and "Hand over" (<c>support.handover</c>), each posting <c>reference</c>; then the
/// messages, actions, hand-overs and outcome so far.
/// </summary>
internal sealed record SupportCaseCard(string Reference, string PersonName, string RequestedOn, SupportSummary Summary, string ManagerLine)
{
    /// <summary>The latest messages, actions and hand-overs the card lists, each text cut to <see cref="TextShown"/> characters: with the details at their longest the card stays under Teams' ~28 KB.</summary>
    public const int MessagesShown = 5, ActionsShown = 5, HandOversShown = 3, TextShown = 300;

    public bool IsOpen { get; init; } = true;

    /// <summary>For "help them call …" on an urgent case: <c>Support:EmergencyNumber</c>.</summary>
    public string EmergencyNumber { get; init; } = "";

    /// <summary>Rides on "Send" and "Record action": the same id again is a retried click (see <see cref="SupportFields.DraftId"/>).</summary>
    public string DraftId { get; init; } = "";

    /// <summary>"Closed by Sam Carter on …: Support and advice given", or "".</summary>
    public string ClosureLine { get; init; } = "";

    public string ClosureNotes { get; init; } = "";

    /// <summary>Messages both ways, oldest first: "Priya Shah, 4 Mar 2026 at 10:20" and the text, escaped.</summary>
    public IReadOnlyList<CaseLine> Messages { get; init; } = [];

    public IReadOnlyList<CaseLine> Actions { get; init; } = [];

    /// <summary>"12 earlier messages are not shown here.", or "".</summary>
    public string EarlierMessages { get; init; } = "";

    /// <summary>As <see cref="EarlierMessages"/>, for actions.</summary>
    public string EarlierActions { get; init; } = "";

    public bool HasMessages => Messages.Count > 0;

    public bool HasActions => Actions.Count > 0;

    /// <summary>Taken, this view is for the case handler who has it, and there is another case handler: "Hand over" (<c>support.handover</c>).</summary>
    public bool CanHandOver { get; init; }

    /// <summary>The other case handlers by name (title) and object id (value), or empty with <see cref="HandOverByPicker"/>.</summary>
    public IReadOnlyList<ChoiceLine> HandOverChoices { get; init; } = [];

    /// <summary>A name is unknown: a people picker instead of the list; the click checks the choice is a case handler.</summary>
    public bool HandOverByPicker { get; init; }

    /// <summary>Every hand-over: "Sam Carter to Riley Brooks, 5 Mar 2026 at 10:00" and the note (escaped; may be "").</summary>
    public IReadOnlyList<CaseLine> HandOvers { get; init; } = [];

    /// <summary>As <see cref="EarlierMessages"/>, for hand-overs.</summary>
    public string EarlierHandOvers { get; init; } = "";

    public bool HasHandOvers => HandOvers.Count > 0;

    /// <summary>A problem with what the case handler typed (empty message, missing outcome), or "".</summary>
    public string Error { get; init; } = "";

    public IReadOnlyList<ChoiceLine> Outcomes { get; } = ChoiceLine.Of(SupportChoices.Outcomes);

    /// <summary>
    /// Near the top, while open: "talk first" and the manager not told yet, or the manager involved (bot-written,
    /// the name escaped); "" otherwise. <see cref="ManagerLine"/> says the same in the details.
    /// </summary>
    public string ManagerAlert { get; init; } = "";

    /// <summary>The alert's container style: "warning" (talk first) or "attention" (involved).</summary>
    public string ManagerAlertStyle { get; init; } = "default";

    /// <summary>"Talk first", taken and not told yet: the two choices and "Tell their line manager now" (<c>support.tellmanager</c>).</summary>
    public bool CanTellManager { get; init; }

    public IReadOnlyList<ChoiceLine> LaterSharing { get; } = ChoiceLine.Of(SupportChoices.LaterSharing);
}

/// <summary>One message or action on the case card: who and when, and the text (escaped).</summary>
internal sealed record CaseLine(string Who, string Text);

/// <summary>
/// Binds cards/harassment-support/message.json: a message relayed through the bot (case handler to person, or back),
/// with a reply box and "Send reply" (<see cref="ReplyVerb"/>, posting <c>reference</c>) while the case is open.
/// </summary>
/// <param name="Headline">"Sam Carter, your case handler, wrote", bot-written with the name escaped.</param>
/// <param name="Text">The message, escaped.</param>
internal sealed record SupportMessageCard(string Reference, string Headline, string Text, string SentOn, string ReplyVerb)
{
    public bool CanReply => ReplyVerb.Length > 0;

    /// <summary>Rides on "Send reply": the same id again is a retried click (see <see cref="SupportFields.DraftId"/>).</summary>
    public string DraftId { get; init; } = "";

    public string Error { get; init; } = "";
}

/// <summary>Binds cards/harassment-support/notice.json: a short notice (bot-written; names escaped).</summary>
internal sealed record SupportNoticeCard(string Reference, string Headline, string Detail, string Style)
{
    /// <summary>A notice to the person about their open request: "I no longer need support", as on requested.json.</summary>
    public bool CanWithdraw { get; init; }
}
