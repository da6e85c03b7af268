using System.Globalization;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// Binds cards/account-requests/approval.json: the card in the Comms channel. One template serves every state:
/// pending with the decision actions (approvers), pending without them (everyone else), and decided (outcome, no actions).
/// Everything the requester typed, and every name, is shown to Comms and must already be escaped with
/// <see cref="Markdown.Escape"/>; <see cref="ForRequest"/> and the <see cref="ApprovalOutcome"/> and
/// <see cref="AuditTrailLine"/> factories do that.
/// </summary>
/// <param name="Reference">"SMA-2026-0042"; posted back by every action as <c>reference</c>.</param>
/// <param name="Version">1 at first, +1 per resubmission; posted back by the decision actions as <c>version</c>; "Version 2" shows from 2.</param>
/// <param name="Status">The <c>AccountRequestStatus</c> name: Pending, Approved, Rejected, ChangesRequested or Withdrawn.</param>
/// <param name="RequesterName">Escaped.</param>
/// <param name="SubmittedOn">When this version was sent, "26 Nov 2026 at 09:40".</param>
/// <param name="Summary">Escaped.</param>
/// <param name="Purpose">Escaped, as are the other texts the requester typed below.</param>
internal sealed record ApprovalCard(
    string Reference,
    int Version,
    string Status,
    string RequesterName,
    string SubmittedOn,
    RequestSummary Summary,
    string Purpose,
    string Audiences,
    string StrategicAims,
    string ContentPlan,
    string Evaluation,
    string Resourcing,
    string SignOff)
{
    /// <summary>How many of the latest audit trail entries the card shows.</summary>
    public const int AuditLinesShown = 5;

    private readonly bool _showDecisionActions;

    /// <summary>
    /// Whether the viewer gets Approve, Reject and Ask for changes: set it for an approver who did not make the request.
    /// It reads false unless the request is pending, so a decided card can never offer a decision.
    /// </summary>
    public bool ShowDecisionActions { get => _showDecisionActions && IsPending; init => _showDecisionActions = value; }

    /// <summary>The outcome block (decided, changes requested or withdrawn); null while pending.</summary>
    public ApprovalOutcome? Outcome { get; init; }

    /// <summary>
    /// A line for this viewer only, e.g. "You made this request, so someone else in the Comms team decides on it." Bot-written; a
    /// name in it must be escaped. Null for none.
    /// </summary>
    public string? ViewerNote { get; init; }

    /// <summary>
    /// "Warning: the register already holds Instagram @x for the Malaria Centre (SMA-2026-0001)." while pending, when the
    /// same platform and handle are already registered (see <see cref="DuplicateNoteOf"/>); null for none.
    /// </summary>
    public string? DuplicateNote { get; init; }

    /// <summary>The duplicate warning naming the registered account (escaped here).</summary>
    public static string DuplicateNoteOf(string platformName, string handle, string unitName, string sourceReference) =>
        $"Warning: the register already holds {Markdown.Escape(platformName)} {Markdown.Escape(handle)} for {Markdown.Escape(unitName)} ({sourceReference}). Check this is not the same account before approving.";

    /// <summary>
    /// The Teams user MRIs ("29:...", not Entra object ids; at most 60) whose Teams fetches their own view through
    /// <c>accountRequest.refresh</c>: the Comms approvers while the request is pending. Empty once decided.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    /// <summary>The latest entries of the audit trail, oldest first (see <see cref="WithAuditTrail"/>).</summary>
    public IReadOnlyList<AuditTrailLine> AuditTrail { get; init; } = [];

    /// <summary>"7 earlier steps are not shown here." above the history, or "" when it is all shown.</summary>
    public string EarlierHistory { get; init; } = "";

    /// <summary>
    /// The fields this version changed from the one before (see <see cref="ChangedField.Between"/>); empty for version 1,
    /// and for a request stored before the previous version was kept.
    /// </summary>
    public IReadOnlyList<ChangedField> Changes { get; init; } = [];

    /// <summary>"What changed since version 1", above <see cref="Changes"/>.</summary>
    public string ChangesHeading => string.Create(CultureInfo.InvariantCulture, $"What changed since version {Version - 1}");

    /// <summary>
    /// Whether this is a Comms approver's own view (not the requester's), the only one that shows the Comms team's notes
    /// and, while pending, "Add a note". Never on the card posted for everyone, even when that card carries the buttons.
    /// </summary>
    public bool NotesView { get; init; }

    /// <summary>The latest notes, newest last, escaped.</summary>
    public IReadOnlyList<NoteLine> Notes { get; init; } = [];

    /// <summary>"2 earlier notes are not shown here.", or "".</summary>
    public string EarlierNotes { get; init; } = "";

    /// <summary>The note box's label: who reads the note.</summary>
    public string NoteLabel { get; init; } = "Your note for the Comms team";

    public bool HasNotes => NotesView && (Notes.Count > 0 || EarlierNotes.Length > 0);

    public bool CanAddNote => NotesView && IsPending;

    public string StatusText => AccountRequestCardText.StatusText(Status);

    /// <summary>The container style of the status badge and outcome block; the status is always also written out.</summary>
    public string StatusStyle => AccountRequestCardText.StatusStyle(Status);

    public bool IsPending => Status == "Pending";

    public bool IsDecided => Outcome is not null;

    /// <summary>
    /// The card for a stored request, with no actions, outcome, refresh or audit trail yet: everything typed is escaped
    /// here (<paramref name="requesterName"/>, <paramref name="form"/> and <paramref name="secondAdminName"/> are raw).
    /// Add the rest with <c>with { ShowDecisionActions = ..., Outcome = ..., RefreshUserIds = ... }</c> and <see cref="WithAuditTrail"/>.
    /// </summary>
    public static ApprovalCard ForRequest(
        string reference, int version, string status, string requesterName, DateTimeOffset submittedAt, RequestFormValues form, string? secondAdminName) => new(
        reference,
        version,
        status,
        Markdown.Escape(requesterName),
        CardDates.DateAndTime(submittedAt),
        RequestSummary.From(form, requesterName, secondAdminName),
        Markdown.Escape(form.Purpose),
        Markdown.Escape(form.Audiences),
        Markdown.Escape(form.StrategicAims),
        Markdown.Escape(form.ContentPlan),
        Markdown.Escape(form.Evaluation),
        Markdown.Escape(form.Resourcing),
        Markdown.Escape(form.SignOff));

    /// <summary>
    /// This card with the last <see cref="AuditLinesShown"/> of <paramref name="entries"/> (given oldest first), and the
    /// line for the rest and the <paramref name="movedOut"/> entries before them.
    /// </summary>
    public ApprovalCard WithAuditTrail(IReadOnlyList<AuditTrailLine> entries, int movedOut = 0)
    {
        var (shown, earlier) = LatestEntries.Of(entries, movedOut, AuditLinesShown, "step");
        return this with { AuditTrail = shown, EarlierHistory = earlier };
    }
}

/// <summary>
/// The outcome block of the approval card. <see cref="Headline"/> and <see cref="Detail"/> must already be escaped
/// where they hold names or typed text; the factories do that.
/// </summary>
/// <param name="Headline">"Approved by Sam Carter on 25 Nov 2026 at 14:05".</param>
/// <param name="DetailLabel">"Reason" or "Message to the requester"; shown only with a detail.</param>
/// <param name="Detail">The reason or message, or "" for none.</param>
internal sealed record ApprovalOutcome(string Headline, string DetailLabel, string Detail)
{
    public static ApprovalOutcome Approved(string approverName, DateTimeOffset at) =>
        new($"Approved by {Markdown.Escape(approverName)} on {CardDates.DateAndTime(at)}", "", "");

    /// <param name="rejectReason">The <c>rejectReason</c> value (insufficientResource, reputationalRisk, duplicate, other).</param>
    /// <param name="rejectDetails">What the approver typed, raw; may be empty.</param>
    public static ApprovalOutcome Rejected(string approverName, DateTimeOffset at, string rejectReason, string? rejectDetails) =>
        new($"Rejected by {Markdown.Escape(approverName)} on {CardDates.DateAndTime(at)}", "Reason", RejectionText(rejectReason, rejectDetails));

    public static ApprovalOutcome ChangesRequested(string approverName, DateTimeOffset at, string message) =>
        new($"Changes requested by {Markdown.Escape(approverName)} on {CardDates.DateAndTime(at)}. Waiting for the requester to edit and resubmit.",
            "Message to the requester", Markdown.Escape(message));

    public static ApprovalOutcome Withdrawn(DateTimeOffset at) =>
        new($"Withdrawn by the requester on {CardDates.DateAndTime(at)}", "", "");

    /// <summary>"Reputational risk (4.2)", with ": " and the escaped details when there are any; for Other just the details.</summary>
    internal static string RejectionText(string rejectReason, string? rejectDetails)
    {
        var details = Markdown.Escape(rejectDetails);
        if (rejectReason == "other" && details.Length > 0)
        {
            return details;
        }

        var reason = AccountRequestCardText.Label(AccountRequestCardText.RejectReasons, rejectReason);
        return details.Length == 0 ? reason : $"{reason}: {details}";
    }
}
