using System.Collections.Immutable;
using System.Globalization;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// A reported social media incident and its triage. Immutable: every transition returns a new
/// state (or a refusal that explains itself) for the caller to save with the ETag it loaded, so
/// two Comms approvers clicking at once make one change, and every change is on the audit trail.
/// Escalation is a flag, not a status: an incident can be escalated whether or not it is taken.
/// </summary>
internal sealed record Incident
{
    public required string Reference { get; init; }
    public required IncidentStatus Status { get; init; }
    public required Actor Reporter { get; init; }
    public required IncidentDetails Details { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? SubmissionId { get; init; }
    public Stamp? Owner { get; init; }
    public Stamp? Escalation { get; init; }
    public IncidentResolution? Resolution { get; init; }
    /// <summary>The latest questions, and every one still waiting for its answer; <see cref="EarlierQuestions"/> answered ones moved out before them.</summary>
    public ImmutableList<ReporterQuestion> Questions { get; init; } = [];

    /// <summary>
    /// The Comms team's latest notes (<see cref="CommsNote"/>): never in the history, the reporter's cards or a log.
    /// Records stored before notes existed have none.
    /// </summary>
    public ImmutableList<CommsNote> Notes { get; init; } = [];

    /// <summary>Notes moved out of the record into its child rows (see <see cref="MoveOldEntries"/>).</summary>
    public int EarlierNotes { get; init; }
    public MessageLocation? TriageCard { get; init; }

    /// <summary>
    /// A Comms approver reported it from a Teams message ("Report to Comms"): Comms' own monitoring (policy 4.10), not a
    /// report from elsewhere in the university. Records stored before this existed read as false.
    /// </summary>
    public bool LoggedByComms { get; init; }

    /// <summary>
    /// The registered official account the report's link points at (policy 4.18), as it stood when it was reported; null
    /// when none matched, for a confidential report (never looked up), and on records stored before this existed.
    /// </summary>
    public ReportedOfficialAccount? OfficialAccount { get; init; }

    /// <summary>The people the visibility rule needs: the reporter, and whether the escalation contacts were told.</summary>
    public RecordPeople People() => new(RecordKind.Incident, Reporter.AadObjectId, EscalationContactsTold: Escalation is not null);

    /// <summary>The latest history; <see cref="EarlierAudit"/> entries moved out before them.</summary>
    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Answered questions moved out of the record into its child rows (see <see cref="MoveOldEntries"/>).</summary>
    public int EarlierQuestions { get; init; }

    /// <summary>History entries moved out of the record into its child rows.</summary>
    public int EarlierAudit { get; init; }

    /// <summary>Every question ever asked, those moved out included: the next question's number is one more.</summary>
    public int QuestionCount => EarlierQuestions + Questions.Count;

    /// <summary>Every history entry, those moved out included: one more with each change.</summary>
    public int AuditCount => EarlierAudit + Audit.Count;

    /// <summary>How many questions the record keeps (those waiting for an answer always stay; see <see cref="MaxUnanswered"/>).</summary>
    public static ListBound QuestionsBound { get; } = new(Max: 8, Keep: 4);

    /// <summary>How much history the record keeps. An entry can hold a question or an answer (2,000 characters).</summary>
    public static ListBound AuditBound { get; } = new(Max: 20, Keep: 10);

    /// <summary>Questions that may wait for the reporter's answer at once: more would only pile up, and they all stay in the record.</summary>
    public const int MaxUnanswered = 4;

    public bool IsUrgent => Details.Urgency == Urgency.Urgent;

    /// <summary>
    /// Harassment of a member of staff, reported as an incident after the support offer (policy 6.3, 5.4): it takes the
    /// confidential route. The Comms channel, the Comms approvers who triage it and the escalation contacts see only its
    /// reference, kind and urgency; what happened, who reported it and their answers go only to the support case
    /// handlers (<c>Support:CaseHandlerIds</c>), in their chats with the bot.
    /// </summary>
    public bool IsConfidential => Details.Kind == IncidentKind.Harassment;

    public static Incident Report(string reference, Actor reporter, IncidentDetails details, DateTimeOffset at, string? submissionId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(details);
        return new Incident
        {
            Reference = reference,
            Status = IncidentStatus.New,
            Reporter = reporter,
            Details = details,
            CreatedAt = at,
            UpdatedAt = at,
            SubmissionId = submissionId,
            Audit = [new AuditEntry(at, reporter.AadObjectId, reporter.Name, IncidentAuditActions.Reported, details.Urgency == Urgency.Urgent ? "Urgent" : "Normal")],
        };
    }

    public const string OwnReportRefusal = "You reported this incident, so someone else in the Comms team must resolve it. You can still take it and act on it. Nothing has changed.";

    public IncidentTransition Take(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RefuseWhenResolved("take") is { } resolved)
        {
            return resolved;
        }

        if (Owner is { } owner)
        {
            return Refuse(IncidentRefusalKind.NotAllowedInStatus, $"{Reference} was already taken by {owner.By.Name} {When(owner.At)}.");
        }

        return Changed(at, actor, IncidentAuditActions.Taken, null) with { Status = IncidentStatus.Taken, Owner = new Stamp(actor, at) };
    }

    public IncidentTransition Ask(Actor actor, string? question, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RefuseWhenResolved("ask about") is { } resolved)
        {
            return resolved;
        }

        var checkedInput = IncidentValidator.ValidateQuestion(question);
        if (!checkedInput.IsValid)
        {
            return Refuse(IncidentRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        if (Questions.Count(q => !q.IsAnswered) >= MaxUnanswered)
        {
            return Refuse(IncidentRefusalKind.NotAllowedInStatus, $"The reporter has not answered the last {MaxUnanswered.ToString(CultureInfo.InvariantCulture)} questions on {Reference} yet: please wait for their answers before asking more.");
        }

        var asked = new ReporterQuestion(QuestionCount + 1, checkedInput.Value, new Stamp(actor, at));
        return Changed(at, actor, IncidentAuditActions.Asked, $"Q{asked.Number}: {asked.Question}") with { Questions = Questions.Add(asked) };
    }

    /// <summary>Only the reporter, once per question. Answers are kept even after the incident is resolved.</summary>
    public IncidentTransition AnswerQuestion(Actor actor, int number, string? answer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ObjectIds.Same(actor.AadObjectId, Reporter.AadObjectId))
        {
            return Refuse(IncidentRefusalKind.NotTheReporter, "Only the person who reported the incident can answer Comms' questions about it.");
        }

        if (Questions.FirstOrDefault(q => q.Number == number) is not { } question)
        {
            if (number >= 1 && number <= QuestionCount)
            {
                // Only answered questions move out of the record.
                return Refuse(IncidentRefusalKind.NotAllowedInStatus, $"You already answered question {number.ToString(CultureInfo.InvariantCulture)} on {Reference}.");
            }

            return Refuse(IncidentRefusalKind.InvalidInput, $"{Reference} has no question {number.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (question.IsAnswered)
        {
            return Refuse(IncidentRefusalKind.AlreadyAnswered, $"You already answered this question {When(question.AnsweredAt!.Value)}.");
        }

        var checkedInput = IncidentValidator.ValidateAnswer(answer);
        if (!checkedInput.IsValid)
        {
            return Refuse(IncidentRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        var answered = question with { Answer = checkedInput.Value, AnsweredAt = at };
        return Changed(at, actor, IncidentAuditActions.Answered, $"Q{number}: {answered.Answer}") with { Questions = Questions.SetItem(Questions.IndexOf(question), answered) };
    }

    public IncidentTransition Escalate(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RefuseWhenResolved("escalate") is { } resolved)
        {
            return resolved;
        }

        if (Escalation is { } escalation)
        {
            return Refuse(IncidentRefusalKind.NotAllowedInStatus, $"{Reference} was already escalated to senior management by {escalation.By.Name} {When(escalation.At)}.");
        }

        return Changed(at, actor, IncidentAuditActions.Escalated, null) with { Escalation = new Stamp(actor, at) };
    }

    public IncidentTransition Resolve(Actor actor, string? outcome, string? notes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RefuseWhenResolved("resolve") is { } resolved)
        {
            return resolved;
        }

        if (ObjectIds.Same(actor.AadObjectId, Reporter.AadObjectId))
        {
            return Refuse(IncidentRefusalKind.OwnReport, OwnReportRefusal);
        }

        var checkedInput = IncidentValidator.ValidateResolution(outcome, notes);
        if (!checkedInput.IsValid)
        {
            return Refuse(IncidentRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        var resolution = checkedInput.Value;
        var detail = IncidentChoices.Outcomes.TitleOf(resolution.Outcome) + (resolution.Notes is null ? "" : ": " + resolution.Notes);
        return Changed(at, actor, IncidentAuditActions.Resolved, detail) with
        {
            Status = IncidentStatus.Resolved,
            Resolution = new IncidentResolution(resolution.Outcome, resolution.Notes, new Stamp(actor, at)),
        };
    }

    /// <summary>
    /// A note for the Comms team (the caller checked that the actor is a Comms approver). Refused once resolved, like the
    /// other triage steps, and from the reporter: notes are about their report, so they neither read nor add them.
    /// </summary>
    public IncidentTransition AddNote(Actor actor, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RefuseWhenResolved("add a note to") is { } resolved)
        {
            return resolved;
        }

        if (ObjectIds.Same(actor.AadObjectId, Reporter.AadObjectId))
        {
            return Refuse(IncidentRefusalKind.OwnReport, OwnReportNoteRefusal);
        }

        var checkedInput = CommsNotes.Validate(note);
        if (!checkedInput.IsValid)
        {
            return Refuse(IncidentRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        // The history says a note was added, never what it says: the history is on the card the whole channel sees.
        return Changed(at, actor, IncidentAuditActions.NoteAdded, null) with { Notes = Notes.Add(new CommsNote(checkedInput.Value, new Stamp(actor, at))) };
    }

    public const string OwnReportNoteRefusal = "You reported this incident, so notes about it are for the rest of the Comms team. Nothing has changed.";

    /// <summary>The bot could not message these escalation contacts yet: on the record, so Comms can follow up by other means.</summary>
    public IncidentTransition RecordEscalationNotDelivered(IReadOnlyCollection<string> contactIds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var detail = $"The bot cannot message {contactIds.Count.ToString(CultureInfo.InvariantCulture)} escalation contact(s) yet: {string.Join(", ", contactIds)}";
        return new IncidentTransition(this with
        {
            UpdatedAt = at,
            Audit = Audit.Add(new AuditEntry(at, string.Empty, AuditEntry.SystemName, IncidentAuditActions.EscalationNotDelivered, detail)),
        }, null);
    }

    /// <summary>
    /// An urgent incident nobody took within the acknowledgement window: the reminder goes on the
    /// record once. Refused when someone has taken it since (then there is nothing to remind about).
    /// </summary>
    public IncidentTransition RecordNotTakenInTime(int minutes, DateTimeOffset at)
    {
        if (Status != IncidentStatus.New)
        {
            return Refuse(IncidentRefusalKind.NotAllowedInStatus, $"{Reference} was taken in time.");
        }

        return HasBeenRemindedOfAcknowledgement
            ? this
            : new IncidentTransition(this with
            {
                UpdatedAt = at,
                Audit = Audit.Add(new AuditEntry(at, string.Empty, AuditEntry.SystemName, IncidentAuditActions.NotTakenInTime, $"Not taken within {minutes.ToString(CultureInfo.InvariantCulture)} minutes")),
            }, null);
    }

    /// <summary>
    /// The incident with its questions and history cut back to their bounds, and what moved out, for the storage to keep
    /// in child rows. Questions waiting for an answer stay (the reporter may still answer them); so does the reminder's
    /// entry, which <see cref="RecordNotTakenInTime"/> looks for.
    /// </summary>
    public RecordSplit<Incident> MoveOldEntries()
    {
        var (questions, movedQuestions) = QuestionsBound.Split(Questions, q => q.IsAnswered);
        var (audit, movedAudit) = AuditBound.Split(Audit, entry => entry.Action != IncidentAuditActions.NotTakenInTime);
        var (notes, movedNotes) = CommsNotes.Bound.Split(Notes);
        return RecordSplit<Incident>.Of(
            this,
            [
                .. MovedEntries.IfAny("questions", EarlierQuestions, movedQuestions),
                .. MovedEntries.IfAny("audit", EarlierAudit, movedAudit),
                .. MovedEntries.IfAny("notes", EarlierNotes, movedNotes),
            ],
            () => this with
            {
                Questions = questions,
                EarlierQuestions = EarlierQuestions + movedQuestions.Count,
                Notes = notes,
                EarlierNotes = EarlierNotes + movedNotes.Count,
                Audit = audit,
                EarlierAudit = EarlierAudit + movedAudit.Count,
            });
    }

    private bool HasBeenRemindedOfAcknowledgement => Audit.Any(entry => entry.Action == IncidentAuditActions.NotTakenInTime);

    private IncidentTransition? RefuseWhenResolved(string verb) => Resolution is { } resolution
        ? Refuse(IncidentRefusalKind.NotAllowedInStatus, $"You cannot {verb} {Reference}: it was already resolved by {resolution.Resolved.By.Name} {When(resolution.Resolved.At)}.")
        : null;

    private Incident Changed(DateTimeOffset at, Actor actor, string action, string? detail) => this with
    {
        UpdatedAt = at,
        Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, action, detail)),
    };

    private static string When(DateTimeOffset at) => "on " + CardDates.DateAndTime(at);

    private static IncidentTransition Refuse(IncidentRefusalKind kind, string message) => new(null, new IncidentRefusal(kind, message));

    public static implicit operator IncidentTransition(Incident next) => new(next, null);
}
