using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents.Cards;

/// <summary>Binds cards/incidents/reported.json: the reporter's confirmation, replacing the form, with the reference.</summary>
/// <param name="What">What the reporter wrote, escaped.</param>
internal sealed record ReportedCard(IncidentSummary Summary, string What)
{
    /// <summary>For a confidential report (harassment, policy 6.3): who sees what now it is sent; "" otherwise.</summary>
    public string ConfidentialLine { get; init; } = "";
}

/// <summary>Binds cards/incidents/compromised-checklist.json: what to do now about a compromised official account (policy 4.18).</summary>
/// <param name="Platform">"Instagram", escaped.</param>
internal sealed record CompromisedChecklistCard(string Reference, string Platform);

/// <summary>
/// Binds cards/incidents/triage.json: the card in the Comms channel, one template for every state. While open it offers
/// a viewer who may triage (<see cref="ShowActions"/>) Take ownership (until taken), Ask the reporter a question,
/// Escalate to senior management (until escalated) and Resolve; every button posts <c>reference</c>. Typed text and
/// names are escaped.
/// </summary>
/// <param name="Status">"New", "Taken" or "Resolved" (words shown; the style is decoration).</param>
internal sealed record TriageCard(IncidentSummary Summary, string Status, string What, string Evidence, string ActionsTaken)
{
    /// <summary>The latest history lines and questions the card lists, each text cut to <see cref="TextShown"/> characters: with every field at its longest the card stays under Teams' ~28 KB.</summary>
    public const int AuditLinesShown = 6, QuestionsShown = 3, TextShown = 500;

    /// <summary>"Taken by Sam Carter on 4 Mar 2026 at 10:15", or "" while nobody owns it.</summary>
    public string OwnerLine { get; init; } = "";

    /// <summary>
    /// The line under the heading, saying where the incident stands in words: who took it and when, or that nobody has
    /// yet; "" once resolved by someone who never took it (the resolution block says it).
    /// </summary>
    public string StatusLine => OwnerLine.Length > 0 ? OwnerLine : IsOpen ? "Nobody in the Comms team has taken it yet." : "";

    /// <summary>"Logged by Comms (policy 4.10) …" when a Comms approver reported it from a Teams message, or "".</summary>
    public string LoggedByCommsLine { get; init; } = "";

    /// <summary>"Official account: Instagram @lshtm_malaria (…), administrators: …" when the report's link is a registered account (policy 4.18), or "".</summary>
    public string OfficialAccountLine { get; init; } = "";

    /// <summary>"Escalated to senior management by … on …", or "".</summary>
    public string EscalationLine { get; init; } = "";

    /// <summary>"Resolved by … on …: Content removed", or "" while open.</summary>
    public string ResolutionLine { get; init; } = "";

    /// <summary>The resolver's notes, escaped, or "".</summary>
    public string ResolutionNotes { get; init; } = "";

    public IReadOnlyList<QuestionLine> Questions { get; init; } = [];

    /// <summary>"4 earlier questions are not shown here.", or "".</summary>
    public string EarlierQuestions { get; init; } = "";

    /// <summary>"9 earlier steps are not shown here." above the history, or "" when it is all shown.</summary>
    public string EarlierHistory { get; init; } = "";

    public IReadOnlyList<AuditTrailLine> AuditTrail { get; init; } = [];

    /// <summary>
    /// For a confidential incident (harassment, policy 6.3): who sees its details, on the channel card and on the case
    /// handlers' copy; "" otherwise.
    /// </summary>
    public string ConfidentialLine { get; init; } = "";

    /// <summary>Whether this view carries the triage buttons: for the Comms team, or for everyone when its members cannot be told apart.</summary>
    public bool ShowActions { get; init; }

    /// <summary>
    /// The Teams user ids ("29:...", at most 60) whose Teams fetches their own view through <c>incident.refresh</c>:
    /// the Comms approvers while the incident is open.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    /// <summary>
    /// Whether this is a Comms approver's own view, the only one that shows the Comms team's notes and "Add a note"
    /// (see <see cref="Visibility.MayReadCommsNotes(RecordPeople, Viewer)"/>). Never on the card posted for everyone, even
    /// when that card carries the buttons.
    /// </summary>
    public bool NotesView { get; init; }

    /// <summary>The latest notes, newest last; empty on a confidential incident, whose notes go to the support case handlers instead.</summary>
    public IReadOnlyList<NoteLine> Notes { get; init; } = [];

    /// <summary>"2 earlier notes are not shown here.", or "".</summary>
    public string EarlierNotes { get; init; } = "";

    /// <summary>Under the notes' heading: who reads them.</summary>
    public string NotesIntro { get; init; } = "";

    /// <summary>The note box's label: who reads the note.</summary>
    public string NoteLabel { get; init; } = "";

    public bool HasNotes => NotesView && (Notes.Count > 0 || EarlierNotes.Length > 0);

    public bool CanAddNote => NotesView && ShowOpenActions;

    public bool IsOpen => Status != "Resolved";

    public bool ShowOpenActions => ShowActions && IsOpen;

    public bool CanTake => ShowOpenActions && OwnerLine.Length == 0;

    public bool CanEscalate => ShowOpenActions && EscalationLine.Length == 0;

    public bool HasQuestions => Questions.Count > 0;

    public string StatusStyle => Status switch
    {
        "Resolved" => "good",
        "Taken" => "accent",
        _ => Summary.IsUrgent ? "attention" : "warning",
    };
}

/// <summary>One question to the reporter and its answer (both escaped; answer "" until given).</summary>
/// <param name="Asked">"Asked by Sam Carter on 4 Mar 2026 at 10:20".</param>
internal sealed record QuestionLine(int Number, string Question, string Asked, string Answer)
{
    public bool IsAnswered => Answer.Length > 0;
}

/// <summary>
/// Binds cards/incidents/notice.json: what the reporter is told in their personal chat when the incident is taken,
/// escalated or resolved. <see cref="Headline"/> and <see cref="Detail"/> are bot-written with names and typed text escaped;
/// once resolved the headline carries the outcome ("Resolved: Content removed"), said once.
/// </summary>
/// <param name="Style">The container style of the headline block.</param>
internal sealed record IncidentNoticeCard(string Reference, string Headline, string Detail, string Style)
{
    /// <summary>Resolved: the resolver's notes, escaped, else "".</summary>
    public string Notes { get; init; } = "";

    /// <summary>Where to write to Comms (<c>Comms:ContactEmail</c>).</summary>
    public string ContactEmail { get; init; } = "";
}

/// <summary>
/// Binds cards/incidents/question.json: a question from Comms in the reporter's personal chat, with an answer box and
/// "Answer" (Action.Execute <c>incident.answer</c> {reference, questionNumber}); once answered, the answer instead.
/// </summary>
/// <param name="Question">Escaped.</param>
/// <param name="AskedBy">Escaped name.</param>
/// <param name="Answer">Escaped; "" until answered.</param>
internal sealed record ReporterQuestionCard(string Reference, int QuestionNumber, string Question, string AskedBy, string AskedOn, string Answer)
{
    public bool IsAnswered => Answer.Length > 0;

    /// <summary>A problem with the typed answer (empty, too long), shown next to the box; "" for none.</summary>
    public string Error { get; init; } = "";
}

/// <summary>
/// Binds cards/incidents/escalation.json: the 1:1 summary a senior manager gets when Comms escalates (policy 6.1), with
/// "Open the thread in Teams" to the channel thread.
/// </summary>
/// <param name="ThreadUrl">https://teams.microsoft.com/l/message/{channelId}/{messageId}, or "" when not known yet.</param>
internal sealed record EscalationCard(IncidentSummary Summary, string What, string EscalatedBy, string EscalatedOn, string OwnerLine, string ThreadUrl)
{
    public bool HasThread => ThreadUrl.Length > 0;
}
