using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal enum ReferralStatus
{
    /// <summary>Asked for; no case handler has taken it yet.</summary>
    New,

    /// <summary>A case handler looks after it.</summary>
    Taken,
    Closed,

    /// <summary>The person said they no longer need support, before it was closed.</summary>
    Withdrawn,
}

/// <summary>
/// The line manager the person confirmed: found in the directory (an object id, so the bot can message
/// them), or given by the person: picked (an object id) or typed (an email only: the case handlers follow up).
/// </summary>
internal sealed record ReferralManager(string? AadObjectId, string? Name, string? Email, bool TypedByPerson)
{
    public string Label => Name ?? Email ?? (TypedByPerson ? "the line manager they chose" : "the line manager the staff directory lists");
}

/// <summary>A message between the case handler and the person, relayed through the bot and kept on the record.</summary>
/// <param name="DraftId">The id the card the message was typed on carried: the same id again is a retried click, not a new message.</param>
internal sealed record CaseMessage(int Number, Actor From, bool FromHandler, string Text, DateTimeOffset At, string? DraftId = null);

/// <summary>Something the case handler did, on the record and told to the person.</summary>
/// <param name="DraftId">As on <see cref="CaseMessage"/>: the same id again is a retried click.</param>
internal sealed record CaseAction(string Text, Stamp Recorded, string? DraftId = null);

internal sealed record ReferralClosed(CaseOutcome Outcome, string? Notes, Stamp Closed);

/// <summary>The case moved from one case handler to another (holiday, workload).</summary>
/// <param name="Number">1 for the first hand-over: keys what is said about it, so a retried click says nothing twice.</param>
/// <param name="Note">For the new case handler only; never on the channel, the audit or a log.</param>
/// <param name="DraftId">The id the case card carried: the same id again from the same case handler is a retried click.</param>
internal sealed record CaseHandOver(int Number, Stamp From, Actor To, string? Note, string? DraftId = null);

/// <summary>Where a case card with the details landed in a case handler's private chat, so it can be replaced once it is no longer theirs.</summary>
internal sealed record CaseCardLocation(string HandlerAadObjectId, MessageLocation At);

/// <param name="Reason">What the person chose to tell the case handler, or null: for the case handler only, never the channel or a log.</param>
internal sealed record ReferralWithdrawn(string? Reason, DateTimeOffset At);

internal enum ReferralRefusalKind
{
    NotAllowedInStatus,

    /// <summary>Only the case handler who took the case (or, for replies and withdrawing, the person) may do this.</summary>
    NotYours,
    InvalidInput,

    /// <summary>
    /// The very change was made before (a retried or repeated click carrying the same draft id): nothing is stored
    /// again, and the caller re-runs what follows it, in case the first attempt stopped before telling anyone.
    /// </summary>
    AlreadyApplied,

    /// <summary>A case handler may not take or work a referral they asked for themselves.</summary>
    OwnReferral,
}

internal sealed record ReferralRefusal(ReferralRefusalKind Kind, string Message) : IRefusal;

internal sealed record ReferralTransition(SupportReferral? Next, ReferralRefusal? Refusal) : ITransitionResult<SupportReferral, ReferralRefusal>
{
    [MemberNotNullWhen(true, nameof(Next))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Next is not null;
}

/// <summary>The audit actions. Their details never hold the person's free text.</summary>
internal static class ReferralAuditActions
{
    public const string Requested = "Support requested";
    public const string Taken = "Case taken";
    public const string ManagerNotReached = "Line manager not reached: case handlers told";
    public const string ManagerTold = "Line manager told";
    public const string MessageToPerson = "Message to the person";
    public const string MessageFromPerson = "Message from the person";
    public const string ActionRecorded = "Action recorded";
    public const string Closed = "Closed";
    public const string Withdrawn = "Withdrawn by the person";
    public const string HandedOver = "Handed over";
    public const string NotTakenInTime = "Urgent and not taken in time: case handlers and escalation contacts reminded";
}

/// <summary>
/// A harassment support referral (policy 4.11, 6.3). Immutable: each transition returns the next state or a
/// refusal, saved with the ETag it was read with, so two case handlers taking at once make one owner.
/// </summary>
internal sealed record SupportReferral
{
    public required string Reference { get; init; }
    public required ReferralStatus Status { get; init; }
    public required Actor Person { get; init; }
    public required SupportDetails Details { get; init; }
    public required ReferralManager Manager { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? SubmissionId { get; init; }
    public Stamp? Handler { get; init; }
    public MessageLocation? ChannelCard { get; init; }
    public ImmutableList<CaseMessage> Messages { get; init; } = [];
    public ImmutableList<CaseAction> Actions { get; init; } = [];
    public ReferralClosed? Closure { get; init; }
    public ReferralWithdrawn? Withdrawal { get; init; }
    public ImmutableList<CaseHandOver> HandOvers { get; init; } = [];

    /// <summary>The latest case cards sent to case handlers (<see cref="CaseCardsKept"/> at most), replaced after a hand-over.</summary>
    public ImmutableList<CaseCardLocation> CaseCards { get; init; } = [];
    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Messages moved out of the record into its child rows before <see cref="Messages"/> (see <see cref="MoveOldEntries"/>).</summary>
    public int EarlierMessages { get; init; }

    /// <summary>Actions moved out before <see cref="Actions"/>.</summary>
    public int EarlierActions { get; init; }

    /// <summary>Hand-overs moved out before <see cref="HandOvers"/>.</summary>
    public int EarlierHandOvers { get; init; }

    /// <summary>History entries moved out before <see cref="Audit"/>.</summary>
    public int EarlierAudit { get; init; }

    /// <summary>Every message, those moved out included: the next one's number is one more.</summary>
    public int MessageCount => EarlierMessages + Messages.Count;

    public int ActionCount => EarlierActions + Actions.Count;

    public int HandOverCount => EarlierHandOvers + HandOvers.Count;

    /// <summary>How many of each growing list the record keeps; older entries move to child rows. A message holds up to 2,000 characters.</summary>
    public static ListBound MessagesBound { get; } = new(Max: 12, Keep: 6);

    public static ListBound ActionsBound { get; } = new(Max: 12, Keep: 6);

    public static ListBound HandOversBound { get; } = new(Max: 8, Keep: 4);

    public static ListBound AuditBound { get; } = new(Max: 40, Keep: 20);

    public bool IsUrgent => Details.FeelsUnsafe;

    /// <summary>The people the visibility rule needs: the person, the case handler who has it, their line manager, and whether the escalation contacts were alerted (urgent).</summary>
    public RecordPeople People() => new(RecordKind.SupportReferral, Person.AadObjectId, Handler?.By.AadObjectId, Manager.AadObjectId, EscalationContactsTold: IsUrgent);

    /// <summary>Waiting or being worked on: neither closed by a case handler nor withdrawn by the person.</summary>
    public bool IsOpen => Status is ReferralStatus.New or ReferralStatus.Taken;

    /// <summary>The consent rule: the manager sees the details only if the person allowed it.</summary>
    public bool ManagerMaySeeDetails => Details.ManagerSharing == ManagerSharing.FullDetails;

    public static SupportReferral Request(string reference, Actor person, SupportDetails details, ReferralManager manager, DateTimeOffset at, string? submissionId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(manager);
        return new SupportReferral
        {
            Reference = reference,
            Status = ReferralStatus.New,
            Person = person,
            Details = details,
            Manager = manager,
            CreatedAt = at,
            UpdatedAt = at,
            SubmissionId = submissionId,
            Audit = [new AuditEntry(at, person.AadObjectId, person.Name, ReferralAuditActions.Requested, details.FeelsUnsafe ? "Urgent" : "Normal")],
        };
    }

    public const string OwnReferralRefusal = "You asked for this support yourself, so another case handler must take it. Nothing has changed.";

    /// <summary>Only <c>Support:CaseHandlerIds</c> get here (see <see cref="CaseHandlerPolicy"/>); the first one owns the case.</summary>
    public ReferralTransition Take(Actor handler, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Status == ReferralStatus.Closed)
        {
            return Refuse($"{Reference} is closed.");
        }

        if (Status == ReferralStatus.Withdrawn)
        {
            return Refuse($"{Reference} was withdrawn by the person {When(Withdrawal!.At)}: there is nothing to take.");
        }

        if (IsPerson(handler))
        {
            return Refuse(ReferralRefusalKind.OwnReferral, OwnReferralRefusal);
        }

        if (Handler is { } owner)
        {
            return ObjectIds.Same(owner.By.AadObjectId, handler.AadObjectId)
                ? Refuse($"You already took {Reference} {When(owner.At)}.")
                : Refuse($"{Reference} was already taken by {owner.By.Name} {When(owner.At)}.");
        }

        return Changed(at, handler, ReferralAuditActions.Taken, null) with { Status = ReferralStatus.Taken, Handler = new Stamp(handler, at) };
    }

    /// <summary>The case handler who took the case writes to the person, or the person replies; kept on the record.</summary>
    /// <param name="draftId">The id on the card it was typed on: a second message with it is a retried click (<see cref="ReferralRefusalKind.AlreadyApplied"/>).</param>
    public ReferralTransition Message(Actor from, string? text, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        var fromPerson = ObjectIds.Same(from.AadObjectId, Person.AadObjectId);
        if (RefuseUnlessOpenAndTaken(from) is { } refused)
        {
            return refused;
        }

        if (!fromPerson && !IsHandler(from))
        {
            return Refuse(ReferralRefusalKind.NotYours, $"Only {Handler!.By.Name}, who looks after {Reference}, can message the person about it.");
        }

        if (MessageFromDraft(from, draftId) is { } sent)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"Message {sent.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} on {Reference} was already sent.");
        }

        var checkedText = SupportValidator.ValidateMessage(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        var message = new CaseMessage(MessageCount + 1, from, !fromPerson, checkedText.Value, at, NullIfEmpty(draftId));
        var action = fromPerson ? ReferralAuditActions.MessageFromPerson : ReferralAuditActions.MessageToPerson;
        return Changed(at, from, action, $"Message {message.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}") with { Messages = Messages.Add(message) };
    }

    /// <param name="draftId">As for <see cref="Message"/>: a second action with it is a retried click.</param>
    public ReferralTransition RecordAction(Actor handler, string? text, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "record actions on it") is { } refused)
        {
            return refused;
        }

        if (ActionFromDraft(handler, draftId) is not null)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"That action on {Reference} was already recorded.");
        }

        var checkedText = SupportValidator.ValidateAction(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        return Changed(at, handler, ReferralAuditActions.ActionRecorded, $"Action {(ActionCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}") with
        {
            Actions = Actions.Add(new CaseAction(checkedText.Value, new Stamp(handler, at), NullIfEmpty(draftId))),
        };
    }

    public ReferralTransition Close(Actor handler, string? outcome, string? notes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "close it") is { } refused)
        {
            return refused;
        }

        var checkedInput = SupportValidator.ValidateClosure(outcome, notes);
        if (!checkedInput.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        return Changed(at, handler, ReferralAuditActions.Closed, SupportChoices.Outcomes.TitleOf(checkedInput.Value.Outcome)) with
        {
            Status = ReferralStatus.Closed,
            Closure = new ReferralClosed(checkedInput.Value.Outcome, checkedInput.Value.Notes, new Stamp(handler, at)),
        };
    }

    /// <summary>
    /// The person no longer needs support (waiting or taken, not closed). Only the person themself: a case handler
    /// closes instead. Their withdraw click again is <see cref="ReferralRefusalKind.AlreadyApplied"/>, so a retry
    /// withdraws once and says the same. The audit says whether they left a reason, never the reason.
    /// </summary>
    public ReferralTransition Withdraw(Actor person, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!ObjectIds.Same(person.AadObjectId, Person.AadObjectId))
        {
            return Refuse(ReferralRefusalKind.NotYours, "Only the person who asked for support can withdraw this request.");
        }

        switch (Status)
        {
            case ReferralStatus.Withdrawn:
                return Refuse(ReferralRefusalKind.AlreadyApplied, $"You withdrew {Reference} {When(Withdrawal!.At)}.");
            case ReferralStatus.Closed:
                return Refuse($"{Reference} is already closed{(Closure is { } closed ? " " + When(closed.Closed.At) : "")}, so there is nothing to withdraw. Type \"get support\" whenever you want to ask for support again.");
        }

        var checkedReason = SupportValidator.ValidateWithdrawalReason(reason);
        if (!checkedReason.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedReason.Errors.Values.First());
        }

        return Changed(at, person, ReferralAuditActions.Withdrawn, checkedReason.Value.Reason is null ? "No reason given" : "With a note for the case handler") with
        {
            Status = ReferralStatus.Withdrawn,
            Withdrawal = new ReferralWithdrawn(checkedReason.Value.Reason, at),
        };
    }

    /// <summary>
    /// The case handler who has the case gives it to <paramref name="to"/>, another case handler (the caller checks
    /// <c>Support:CaseHandlerIds</c>; null when the choice is not one of them). The new owner may then do everything
    /// the first did; the old one nothing more. Their click again from the same card is <see cref="ReferralRefusalKind.AlreadyApplied"/>.
    /// </summary>
    public ReferralTransition HandOver(Actor from, Actor? to, string? note, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (HandOverFromDraft(from, draftId) is { } earlier)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"You handed {Reference} over to {earlier.To.Name} {When(earlier.From.At)}.");
        }

        if (RefuseUnlessHandler(from, "hand it over") is { } refused)
        {
            return refused;
        }

        if (to is null || ObjectIds.Same(to.AadObjectId, from.AadObjectId))
        {
            return Refuse(ReferralRefusalKind.InvalidInput, "Choose one of the other case handlers to hand the case over to.");
        }

        if (IsPerson(to))
        {
            return Refuse(ReferralRefusalKind.InvalidInput, $"{to.Name} asked for this support themself, so they cannot look after it. Choose another case handler.");
        }

        var checkedNote = SupportValidator.ValidateHandOverNote(note);
        if (!checkedNote.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedNote.Errors.Values.First());
        }

        var handOver = new CaseHandOver(HandOverCount + 1, new Stamp(from, at), to, checkedNote.Value.Reason, NullIfEmpty(draftId));
        return Changed(at, from, ReferralAuditActions.HandedOver, $"To {to.Name}") with
        {
            Handler = new Stamp(to, at),
            HandOvers = HandOvers.Add(handOver),
        };
    }

    /// <summary>The hand-over <paramref name="from"/> made from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseHandOver? HandOverFromDraft(Actor from, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : HandOvers.FirstOrDefault(h => h.DraftId == draftId && ObjectIds.Same(h.From.By.AadObjectId, from.AadObjectId));

    /// <summary>The message <paramref name="from"/> sent from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseMessage? MessageFromDraft(Actor from, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : Messages.FirstOrDefault(m => m.DraftId == draftId && ObjectIds.Same(m.From.AadObjectId, from.AadObjectId));

    /// <summary>The action <paramref name="by"/> recorded from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseAction? ActionFromDraft(Actor by, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : Actions.FirstOrDefault(a => a.DraftId == draftId && ObjectIds.Same(a.Recorded.By.AadObjectId, by.AadObjectId));

    /// <summary>Closed by <paramref name="actor"/>: their close click again is a retry, not a refusal.</summary>
    public bool WasClosedBy(Actor actor) => Closure is { } closed && ObjectIds.Same(closed.Closed.By.AadObjectId, actor.AadObjectId);

    /// <summary>The case is open and <paramref name="actor"/> took it: their Take click again is a retry or a request for the details.</summary>
    public bool IsTakenBy(Actor actor) => Status == ReferralStatus.Taken && IsHandler(actor);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public const int CaseCardsKept = 10;

    /// <summary>A case card was delivered: where, kept (once) so it can be replaced when the case moves on; the oldest dropped past <see cref="CaseCardsKept"/>.</summary>
    public SupportReferral WithCaseCard(CaseCardLocation card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return CaseCards.Any(c => c.At == card.At) ? this : this with { CaseCards = CaseCards.Add(card).TakeLast(CaseCardsKept).ToImmutableList() };
    }

    /// <summary>The hand-over by which <paramref name="handlerAadObjectId"/> last gave the case away, if the case is no longer theirs.</summary>
    public CaseHandOver? HandedAwayBy(string handlerAadObjectId) =>
        Handler is { } owner && ObjectIds.Same(owner.By.AadObjectId, handlerAadObjectId)
            ? null
            : HandOvers.LastOrDefault(h => ObjectIds.Same(h.From.By.AadObjectId, handlerAadObjectId));

    /// <summary>The person who asked for support.</summary>
    public bool IsPerson(Actor actor) => ObjectIds.Same(actor.AadObjectId, Person.AadObjectId);

    /// <summary>The case handler who took the case (whatever its status now): they may see it, withdrawn or closed.</summary>
    public bool IsHandler(Actor actor) => Handler is { } owner && ObjectIds.Same(owner.By.AadObjectId, actor.AadObjectId);

    private ReferralTransition? RefuseUnlessOpenAndTaken(Actor actor) => Status switch
    {
        ReferralStatus.Closed => Refuse($"{Reference} is closed{(Closure is { } closed ? " " + When(closed.Closed.At) : "")}. Type \"get support\" to ask for support again."),
        ReferralStatus.Withdrawn when ObjectIds.Same(actor.AadObjectId, Person.AadObjectId) =>
            Refuse($"You withdrew {Reference} {When(Withdrawal!.At)}. Type \"get support\" whenever you want to ask for support again."),
        ReferralStatus.Withdrawn => Refuse($"{Reference} was withdrawn by the person {When(Withdrawal!.At)}: they no longer need support, so nothing more can be done on it."),
        ReferralStatus.New => Refuse($"Nobody has taken {Reference} yet: a case handler will contact you first."),
        _ => null,
    };

    /// <param name="what">What only they may do, in words: "close it".</param>
    private ReferralTransition? RefuseUnlessHandler(Actor actor, string what) =>
        RefuseUnlessOpenAndTaken(actor) ?? (!IsHandler(actor) ? Refuse(ReferralRefusalKind.NotYours, $"Only {Handler!.By.Name}, who looks after {Reference}, can {what}.")
            : IsPerson(actor) ? Refuse(ReferralRefusalKind.OwnReferral, OwnReferralRefusal)
            : null);

    /// <summary>
    /// The referral with its messages, actions, hand-overs and history cut back to their bounds, and what moved out, for the
    /// storage to keep in child rows. The history entries this record looks up (<see cref="ManagerOutcome"/>, the
    /// not-taken reminder) stay.
    /// </summary>
    public RecordSplit<SupportReferral> MoveOldEntries()
    {
        var (messages, movedMessages) = MessagesBound.Split(Messages);
        var (actions, movedActions) = ActionsBound.Split(Actions);
        var (handOvers, movedHandOvers) = HandOversBound.Split(HandOvers);
        var (audit, movedAudit) = AuditBound.Split(Audit, entry => entry.Action is not (ReferralAuditActions.ManagerTold or ReferralAuditActions.ManagerNotReached or ReferralAuditActions.NotTakenInTime));
        return RecordSplit<SupportReferral>.Of(
            this,
            [
                .. MovedEntries.IfAny("messages", EarlierMessages, movedMessages),
                .. MovedEntries.IfAny("actions", EarlierActions, movedActions),
                .. MovedEntries.IfAny("handovers", EarlierHandOvers, movedHandOvers),
                .. MovedEntries.IfAny("audit", EarlierAudit, movedAudit),
            ],
            () => this with
            {
                Messages = messages,
                EarlierMessages = EarlierMessages + movedMessages.Count,
                Actions = actions,
                EarlierActions = EarlierActions + movedActions.Count,
                HandOvers = handOvers,
                EarlierHandOvers = EarlierHandOvers + movedHandOvers.Count,
                Audit = audit,
                EarlierAudit = EarlierAudit + movedAudit.Count,
            });
    }

    /// <summary>What became of telling the line manager (told, or not reached and why), or null while nobody has tried.</summary>
    public AuditEntry? ManagerOutcome => Audit.FirstOrDefault(entry => entry.Action is ReferralAuditActions.ManagerTold or ReferralAuditActions.ManagerNotReached);

    /// <summary>The bot could not message the line manager: on the record (once), and the case handlers follow up.</summary>
    public ReferralTransition RecordManagerNotReached(string reason, DateTimeOffset at) =>
        RecordOnce(at, ReferralAuditActions.ManagerNotReached, reason, alreadyRecorded: ManagerOutcome is not null);

    public ReferralTransition RecordManagerTold(DateTimeOffset at) =>
        RecordOnce(at, ReferralAuditActions.ManagerTold, ManagerMaySeeDetails ? "With the details" : "That a referral exists only", alreadyRecorded: ManagerOutcome is not null);

    /// <summary>
    /// The reminder for an urgent referral nobody took: refused once a case handler took it or it was closed, so the
    /// reminder then says nothing (withdrawn too: the person no longer needs it); recorded once, so a reminder that runs again (after a crash) records nothing more.
    /// </summary>
    public ReferralTransition RecordNotTakenInTime(int minutes, DateTimeOffset at) => Status != ReferralStatus.New
        ? Refuse($"{Reference} was taken, closed or withdrawn in time.")
        : RecordOnce(at, ReferralAuditActions.NotTakenInTime, $"Not taken within {minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes", alreadyRecorded: HasBeenRemindedNotTaken);

    private bool HasBeenRemindedNotTaken => Audit.Any(entry => entry.Action == ReferralAuditActions.NotTakenInTime);

    /// <summary>A system entry on the history, or the referral as it is when it is there already (saving it again changes nothing).</summary>
    private ReferralTransition RecordOnce(DateTimeOffset at, string action, string detail, bool alreadyRecorded) => alreadyRecorded
        ? this
        : this with { UpdatedAt = at, Audit = Audit.Add(new AuditEntry(at, string.Empty, AuditEntry.SystemName, action, detail)) };

    private SupportReferral Changed(DateTimeOffset at, Actor actor, string action, string? detail) => this with
    {
        UpdatedAt = at,
        Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, action, detail)),
    };

    private static string When(DateTimeOffset at) => "on " + CardDates.DateAndTime(at);

    private static ReferralTransition Refuse(string message) => Refuse(ReferralRefusalKind.NotAllowedInStatus, message);

    private static ReferralTransition Refuse(ReferralRefusalKind kind, string message) => new(null, new ReferralRefusal(kind, message));

    public static implicit operator ReferralTransition(SupportReferral next) => new(next, null);
}
