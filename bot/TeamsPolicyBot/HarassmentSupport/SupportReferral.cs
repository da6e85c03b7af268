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
/// them), or typed by the person (an email only: the case handlers follow up).
/// </summary>
internal sealed record ReferralManager(string? AadObjectId, string? Name, string? Email, bool TypedByPerson)
{
    public string Label => Name ?? Email ?? "the line manager the staff directory lists for you";
}

internal enum ReferralRefusalKind
{
    NotAllowedInStatus,
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

    private static ReferralTransition Refuse(string message) => new(null, new ReferralRefusal(ReferralRefusalKind.NotAllowedInStatus, message));

    public static implicit operator ReferralTransition(SupportReferral next) => new(next, null);
}
