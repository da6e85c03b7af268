using System.Collections.Immutable;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// A harassment support referral (policy 4.11, 6.3). Immutable: each transition returns the next state or a
/// refusal, saved with the ETag it was read with, so two case handlers taking at once make one owner.
/// </summary>
internal sealed partial record SupportReferral
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

    public bool IsUrgent => Details.FeelsUnsafe;

    /// <summary>
    /// The people the visibility rule needs: the person, the case handler who has it, their line manager (only once they
    /// are to be told: not while a "talk first" request waits, never when they are involved), and whether the escalation
    /// contacts were alerted (urgent).
    /// </summary>
    public RecordPeople People() => new(RecordKind.SupportReferral, Person.AadObjectId, Handler?.By.AadObjectId, ManagerIsToBeTold ? Manager.AadObjectId : null, EscalationContactsTold: IsUrgent);

    /// <summary>Waiting or being worked on: neither closed by a case handler nor withdrawn by the person.</summary>
    public bool IsOpen => Status is ReferralStatus.New or ReferralStatus.Taken;

    /// <summary>The consent rule: the manager sees the details only if the person allowed it.</summary>
    public bool ManagerMaySeeDetails => SharingWithManager == ManagerSharing.FullDetails;

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

    private SupportReferral Changed(DateTimeOffset at, Actor actor, string action, string? detail) => this with
    {
        UpdatedAt = at,
        Audit = Audit.Add(new AuditEntry(at, actor.AadObjectId, actor.Name, action, detail)),
    };

    private static string When(DateTimeOffset at) => "on " + CardDates.DateAndTime(at);

    private static ReferralTransition Refuse(string message) => Refuse(ReferralRefusalKind.NotAllowedInStatus, message);

    private static ReferralTransition Refuse(ReferralRefusalKind kind, string message) => new(null, new ReferralRefusal(kind, message));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static implicit operator ReferralTransition(SupportReferral next) => new(next, null);
}
