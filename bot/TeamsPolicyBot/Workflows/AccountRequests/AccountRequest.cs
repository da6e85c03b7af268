using System.Collections.Immutable;
using System.Globalization;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
namespace TeamsPolicyBot.Workflows.AccountRequests;

internal enum AccountRequestStatus
{
    Pending,
    Approved,
    Rejected,
    ChangesRequested,
    Withdrawn,
}

internal enum DecisionOutcome
{
    Approved,
    Rejected,
    ChangesRequested,
    Withdrawn,
}

/// <summary>The last thing that took the request out of Pending. <paramref name="Message"/>: reject details or the changes asked for.</summary>
internal sealed record Decision(DecisionOutcome Outcome, Actor DecidedBy, DateTimeOffset DecidedAt, RejectReason? RejectReason = null, string? Message = null);

internal static class AuditActions
{
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string ChangesRequested = "Changes requested";
    public const string Withdrawn = "Withdrawn";
    public const string Resubmitted = "Resubmitted";
    public const string NoteAdded = CommsNotes.AuditAction;
}

/// <summary>
/// An official account request and its whole life. Immutable: every transition returns a new
/// state (or a refusal that explains itself) for the caller to save with the ETag it loaded, so
/// a decision is only ever recorded against the state the decider actually saw.
/// </summary>
internal sealed record AccountRequest
{
    public required string Reference { get; init; }

    /// <summary>1 when submitted; +1 on each resubmission after changes were asked for.</summary>
    public required int Version { get; init; }
    public required AccountRequestStatus Status { get; init; }
    public required Requester Requester { get; init; }
    public required AccountRequestDetails Details { get; init; }

    /// <summary>
    /// The version before this one, kept from a resubmission so the approval card can say what changed; null for
    /// version 1, and for requests stored before it was kept (their card lists no changes).
    /// </summary>
    public AccountRequestDetails? PreviousDetails { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// When the current version was submitted: Comms' wait for a decision starts again on each resubmission. From the
    /// history (its latest entries are always kept on the record); <see cref="CreatedAt"/> for the first version.
    /// </summary>
    public DateTimeOffset SubmittedAt => Version == 1
        ? CreatedAt
        : Audit.LastOrDefault(entry => entry.Action == AuditActions.Resubmitted)?.At ?? UpdatedAt;

    /// <summary>The form's submission id behind the current version; a replay of it changes nothing.</summary>
    public string? SubmissionId { get; init; }
    public Decision? Decision { get; init; }
    public MessageLocation? ApprovalCard { get; init; }
    /// <summary>The latest history; <see cref="EarlierAudit"/> entries (one round of changes adds two) moved out before them.</summary>
    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>History entries moved out of the record into its child rows (see <see cref="MoveOldEntries"/>).</summary>
    public int EarlierAudit { get; init; }

    /// <summary>
    /// The Comms team's latest notes (<see cref="CommsNote"/>): never in the history, the requester's cards or a log.
    /// Rows stored before notes existed have none.
    /// </summary>
    public ImmutableList<CommsNote> Notes { get; init; } = [];

    /// <summary>Notes moved out of the record into its child rows (see <see cref="MoveOldEntries"/>).</summary>
    public int EarlierNotes { get; init; }

    /// <summary>How much history the record keeps: an entry can hold Comms' change request (1,000 characters).</summary>
    public static ListBound AuditBound { get; } = new(Max: 30, Keep: 15);

    /// <summary>The request with its history cut back to <see cref="AuditBound"/>, and what moved out, for the storage to keep in child rows.</summary>
    public RecordSplit<AccountRequest> MoveOldEntries()
    {
        var (audit, moved) = AuditBound.Split(Audit);
        var (notes, movedNotes) = CommsNotes.Bound.Split(Notes);
        return RecordSplit<AccountRequest>.Of(
            this,
            [.. MovedEntries.IfAny("audit", EarlierAudit, moved), .. MovedEntries.IfAny("notes", EarlierNotes, movedNotes)],
            () => this with { Audit = audit, EarlierAudit = EarlierAudit + moved.Count, Notes = notes, EarlierNotes = EarlierNotes + movedNotes.Count });
    }

    public static AccountRequest Submit(string reference, Requester requester, AccountRequestDetails details, DateTimeOffset at, string? submissionId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(details);
        return new AccountRequest
        {
            Reference = reference,
            Version = 1,
            Status = AccountRequestStatus.Pending,
            Requester = requester,
            Details = details,
            CreatedAt = at,
            UpdatedAt = at,
            SubmissionId = submissionId,
            Audit = [new AuditEntry(at, requester.AadObjectId, requester.Name, AuditActions.Submitted, "Version 1")],
        };
    }

    /// <param name="cardVersion">The version the approver's card showed; a click on an outdated card is refused.</param>
    public TransitionResult Approve(Actor actor, DateTimeOffset at, int? cardVersion = null) =>
        Decide(actor, at, cardVersion, "approve", new Decision(DecisionOutcome.Approved, actor, at), AccountRequestStatus.Approved, AuditActions.Approved, null);

    public TransitionResult Reject(Actor actor, RejectReason reason, string? details, DateTimeOffset at, int? cardVersion = null)
    {
        var checkedInput = AccountRequestValidator.ValidateRejection(AccountRequestChoices.RejectReasons.ValueOf(reason), details);
        if (!checkedInput.IsValid)
        {
            return Refuse(RefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        var rejection = checkedInput.Value;
        var auditDetail = AccountRequestChoices.RejectReasons.TitleOf(reason) + (rejection.Details is null ? "" : ": " + rejection.Details);
        return Decide(actor, at, cardVersion, "reject", new Decision(DecisionOutcome.Rejected, actor, at, reason, rejection.Details), AccountRequestStatus.Rejected, AuditActions.Rejected, auditDetail);
    }

    public TransitionResult RequestChanges(Actor actor, string? message, DateTimeOffset at, int? cardVersion = null)
    {
        var checkedInput = AccountRequestValidator.ValidateChangesMessage(message);
        if (!checkedInput.IsValid)
        {
            return Refuse(RefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        return Decide(actor, at, cardVersion, "ask for changes to", new Decision(DecisionOutcome.ChangesRequested, actor, at, Message: checkedInput.Value), AccountRequestStatus.ChangesRequested, AuditActions.ChangesRequested, checkedInput.Value);
    }

    /// <summary>Only the requester, while the request is Pending or waiting for their changes.</summary>
    public TransitionResult Withdraw(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsRequester(actor))
        {
            return Refuse(RefusalKind.NotTheRequester, "Only the person who made the request can withdraw it.");
        }

        if (Status is not (AccountRequestStatus.Pending or AccountRequestStatus.ChangesRequested))
        {
            return Refuse(RefusalKind.NotAllowedInStatus, AlreadyDecided("withdraw"));
        }

        return Succeed(this with
        {
            Status = AccountRequestStatus.Withdrawn,
            Decision = new Decision(DecisionOutcome.Withdrawn, actor, at),
            UpdatedAt = at,
            Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, AuditActions.Withdrawn)),
        });
    }

    /// <summary>The requester's edited form after "ask for changes": back to Pending as the next version.</summary>
    public TransitionResult Resubmit(AccountRequestDetails details, Actor actor, DateTimeOffset at, string? submissionId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsRequester(actor))
        {
            return Refuse(RefusalKind.NotTheRequester, "Only the person who made the request can resubmit it.");
        }

        if (submissionId is not null && string.Equals(submissionId, SubmissionId, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(RefusalKind.DuplicateSubmission, string.Create(CultureInfo.InvariantCulture, $"This form was already submitted: {Reference} is at version {Version}."));
        }

        if (Status != AccountRequestStatus.ChangesRequested)
        {
            return Refuse(RefusalKind.NotAllowedInStatus, Status == AccountRequestStatus.Pending
                ? string.Create(CultureInfo.InvariantCulture, $"{Reference} is already waiting for review (version {Version}); it can be resubmitted only after Comms asks for changes.")
                : AlreadyDecided("resubmit"));
        }

        var version = Version + 1;
        return Succeed(this with
        {
            Version = version,
            Status = AccountRequestStatus.Pending,
            Details = details,
            PreviousDetails = Details,
            Decision = null,
            SubmissionId = submissionId,
            UpdatedAt = at,
            Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, AuditActions.Resubmitted, string.Create(CultureInfo.InvariantCulture, $"Version {version}"))),
        });
    }

    /// <summary>
    /// A note for the Comms team while the request waits for their decision (the caller checked that the actor is a Comms
    /// approver). Never from the requester: notes are about their request, so they neither read nor add them.
    /// </summary>
    public TransitionResult AddNote(Actor actor, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (IsRequester(actor))
        {
            return Refuse(RefusalKind.OwnRequest, OwnRequestNoteRefusal);
        }

        if (Status != AccountRequestStatus.Pending)
        {
            return Refuse(RefusalKind.NotAllowedInStatus, AlreadyDecided("add a note to"));
        }

        var checkedInput = CommsNotes.Validate(note);
        if (!checkedInput.IsValid)
        {
            return Refuse(RefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        // The history says a note was added, never what it says: the history is on the card the whole channel sees.
        return Succeed(this with
        {
            Notes = Notes.Add(new CommsNote(checkedInput.Value, new Stamp(actor, at))),
            UpdatedAt = at,
            Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, AuditActions.NoteAdded)),
        });
    }

    public const string OwnRequestNoteRefusal = "You made this request, so notes about it are for the rest of the Comms team. Nothing has changed.";

    /// <summary>"Approved by Ada Lovelace on 3 Mar 2026 at 14:05 UTC", for refusals and cards.</summary>
    public static string Describe(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var what = decision.Outcome switch
        {
            DecisionOutcome.Approved => "approved",
            DecisionOutcome.Rejected => "rejected",
            DecisionOutcome.ChangesRequested => "sent back for changes",
            _ => "withdrawn",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{what} by {decision.DecidedBy.Name} on {decision.DecidedAt.UtcDateTime:d MMM yyyy 'at' HH:mm} UTC");
    }

    private TransitionResult Decide(Actor actor, DateTimeOffset at, int? cardVersion, string verb, Decision decision, AccountRequestStatus next, string auditAction, string? auditDetail)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != AccountRequestStatus.Pending)
        {
            return Refuse(RefusalKind.NotAllowedInStatus, AlreadyDecided(verb));
        }

        if (cardVersion is { } seen && seen != Version)
        {
            return Refuse(RefusalKind.StaleVersion, string.Create(CultureInfo.InvariantCulture, $"This card shows version {seen} of {Reference}, but the requester has since sent version {Version}. Refresh the card and decide on the new version."));
        }

        return Succeed(this with
        {
            Status = next,
            Decision = decision,
            UpdatedAt = at,
            Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, auditAction, auditDetail)),
        });
    }

    private string AlreadyDecided(string verb) => Decision is null
        ? string.Create(CultureInfo.InvariantCulture, $"You cannot {verb} {Reference}: it is {Status}.")
        : string.Create(CultureInfo.InvariantCulture, $"You cannot {verb} {Reference}: it was already {Describe(Decision)}.");

    /// <summary>The people the visibility rule needs: the requester (Comms approvers come from configuration).</summary>
    public RecordPeople People() => new(RecordKind.AccountRequest, Requester.AadObjectId);

    private bool IsRequester(Actor actor) => ObjectIds.Same(actor.AadObjectId, Requester.AadObjectId);

    private static TransitionResult Succeed(AccountRequest next) => new(next, null);

    private TransitionResult Refuse(RefusalKind kind, string message) => new(null, new TransitionRefusal(kind, message, Status, Decision));
}
