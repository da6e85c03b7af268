using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Conversations;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Incidents;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.HarassmentSupport;

internal enum ReferralStatus
{
    /// <summary>Asked for; no case handler has taken it yet.</summary>
    New,

    /// <summary>A case handler looks after it.</summary>
    Taken,
    Closed,
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
internal sealed record CaseMessage(int Number, Actor From, bool FromHandler, string Text, DateTimeOffset At);

/// <summary>Something the case handler did, on the record and told to the person.</summary>
internal sealed record CaseAction(string Text, Stamp Recorded);

internal sealed record ReferralClosed(CaseOutcome Outcome, string? Notes, Stamp Closed);

internal enum ReferralRefusalKind
{
    NotAllowedInStatus,

    /// <summary>Only the case handler who took the case (or, for replies, the person) may do this.</summary>
    NotYours,
    InvalidInput,
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
    public ChannelCardLocation? ChannelCard { get; init; }
    public ImmutableList<CaseMessage> Messages { get; init; } = [];
    public ImmutableList<CaseAction> Actions { get; init; } = [];
    public ReferralClosed? Closure { get; init; }
    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    public bool IsUrgent => Details.FeelsUnsafe;

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

    /// <summary>Only <c>Support:CaseHandlerIds</c> get here (see <see cref="CaseHandlerPolicy"/>); the first one owns the case.</summary>
    public ReferralTransition Take(Actor handler, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Status == ReferralStatus.Closed)
        {
            return Refuse($"{Reference} is closed.");
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
    public ReferralTransition Message(Actor from, string? text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(from);
        var fromPerson = ObjectIds.Same(from.AadObjectId, Person.AadObjectId);
        if (RefuseUnlessOpenAndTaken() is { } refused)
        {
            return refused;
        }

        if (!fromPerson && !IsHandler(from))
        {
            return Refuse(ReferralRefusalKind.NotYours, $"Only {Handler!.By.Name}, who took {Reference}, can message the person about it.");
        }

        var checkedText = SupportValidator.ValidateMessage(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        var message = new CaseMessage(Messages.Count + 1, from, !fromPerson, checkedText.Value, at);
        var action = fromPerson ? ReferralAuditActions.MessageFromPerson : ReferralAuditActions.MessageToPerson;
        return Changed(at, from, action, $"Message {message.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}") with { Messages = Messages.Add(message) };
    }

    public ReferralTransition RecordAction(Actor handler, string? text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "record actions on") is { } refused)
        {
            return refused;
        }

        var checkedText = SupportValidator.ValidateAction(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        return Changed(at, handler, ReferralAuditActions.ActionRecorded, $"Action {(Actions.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}") with
        {
            Actions = Actions.Add(new CaseAction(checkedText.Value, new Stamp(handler, at))),
        };
    }

    public ReferralTransition Close(Actor handler, string? outcome, string? notes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "close") is { } refused)
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

    private bool IsHandler(Actor actor) => Handler is { } owner && ObjectIds.Same(owner.By.AadObjectId, actor.AadObjectId);

    private ReferralTransition? RefuseUnlessOpenAndTaken() => Status switch
    {
        ReferralStatus.Closed => Refuse($"{Reference} is closed{(Closure is { } closed ? " " + When(closed.Closed.At) : "")}. Type \"get support\" to ask for support again."),
        ReferralStatus.New => Refuse($"Nobody has taken {Reference} yet: a case handler will contact you first."),
        _ => null,
    };

    private ReferralTransition? RefuseUnlessHandler(Actor actor, string verb) =>
        RefuseUnlessOpenAndTaken() ?? (IsHandler(actor) ? null : Refuse(ReferralRefusalKind.NotYours, $"Only {Handler!.By.Name}, who took {Reference}, can {verb} it."));

    /// <summary>The bot could not message the line manager: on the record, and the case handlers follow up.</summary>
    public ReferralTransition RecordManagerNotReached(string reason, DateTimeOffset at) =>
        new(this with { UpdatedAt = at, Audit = Audit.Add(new AuditEntry(at, string.Empty, Incident.SystemName, ReferralAuditActions.ManagerNotReached, reason)) }, null);

    public ReferralTransition RecordManagerTold(DateTimeOffset at) =>
        new(this with { UpdatedAt = at, Audit = Audit.Add(new AuditEntry(at, string.Empty, Incident.SystemName, ReferralAuditActions.ManagerTold, ManagerMaySeeDetails ? "With the details" : "That a referral exists only")) }, null);

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
