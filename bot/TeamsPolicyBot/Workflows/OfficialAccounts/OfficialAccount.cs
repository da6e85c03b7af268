using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;
namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// An entry in the directory of official accounts (policy 4.1): what it is, who speaks for it,
/// who can get into it (4.21), who approved it, and when its annual audit is due (4.3, 4.17).
/// </summary>
internal sealed partial record OfficialAccount
{
    /// <summary>The approved request this account came from; also its key, which makes adding it idempotent.</summary>
    public required string SourceReference { get; init; }
    public required SocialPlatform Platform { get; init; }
    public required string PlatformName { get; init; }
    public required string Handle { get; init; }
    public Uri? Url { get; init; }
    public required UnitType UnitType { get; init; }
    public required string UnitName { get; init; }
    public required IReadOnlyList<Administrator> Administrators { get; init; }
    public required Actor ApprovedBy { get; init; }
    public required DateTimeOffset ApprovedAt { get; init; }
    public required DateTimeOffset NextAuditDue { get; init; }

    /// <summary>The stored status; <see cref="StatusAt"/> is what people see. Rows written before the register had statuses read as Active.</summary>
    public OfficialAccountStatus Status { get; init; } = OfficialAccountStatus.Active;

    /// <summary>What happened to the account, oldest first: added, then (later) audits, administrator changes, closing.</summary>
    public IReadOnlyList<AuditEntry> History { get; init; } = [];

    /// <summary>How many yearly audits have been started (0 before the first): the round the audit's reminders and cards name.</summary>
    public int AuditRound { get; init; }

    /// <summary>The audit of <see cref="AuditRound"/>: open, completed or reviewed; null before the first.</summary>
    public AccountAudit? Audit { get; init; }

    /// <summary>Why Comms closed it, from the moment they did (status Closing, then Closed).</summary>
    public string? ClosingReason { get; init; }

    /// <summary>When its administrators confirmed it was deleted or archived on the platform: where a retention sweep counts from.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>
    /// The status as of <paramref name="now"/>: an Active account whose audit falls due within <paramref name="dueWithin"/>
    /// (or is past) reads as Audit due, so nobody has to write that change on a timer.
    /// </summary>
    public OfficialAccountStatus StatusAt(DateTimeOffset now, TimeSpan dueWithin) =>
        Status == OfficialAccountStatus.Active && NextAuditDue - now <= dueWithin ? OfficialAccountStatus.AuditDue : Status;

    /// <summary>The index key of its platform and handle (see <see cref="OfficialAccountKeys.HandleRow"/>).</summary>
    public string HandleKey => OfficialAccountKeys.HandleRow(Platform, PlatformName, Handle);

    /// <summary>
    /// The directory entry for an approved request: its requester runs it at once, and its second administrator once they
    /// accept (see <see cref="Accept"/>); first audited <paramref name="auditInterval"/> after approval.
    /// </summary>
    public static OfficialAccount FromApprovedRequest(AccountRequest request, TimeSpan auditInterval)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != AccountRequestStatus.Approved || request.Decision is not { Outcome: DecisionOutcome.Approved } decision)
        {
            throw new ArgumentException($"{request.Reference} is {request.Status}: only an approved request becomes an official account.", nameof(request));
        }

        var details = request.Details;
        var requester = new Administrator(request.Requester.AadObjectId, request.Requester.Email, request.Requester.Name);

        // Policy 4.21: the second administrator must be able to post, edit and delete, so they are asked to accept as anyone
        // added later is, and count once they do. One named only by email cannot be reached in Teams: they count at once.
        var second = details.SecondAdmin;
        var invite = !string.IsNullOrWhiteSpace(second.AadObjectId) && !ObjectIds.Same(second.AadObjectId, requester.AadObjectId);
        return new OfficialAccount
        {
            SourceReference = request.Reference,
            Platform = details.Platform,
            PlatformName = details.PlatformName,
            Handle = details.Handle,
            Url = details.ExistingUrl,
            UnitType = details.UnitType,
            UnitName = details.UnitName,
            Administrators = invite ? [requester] : [requester, second],
            Invitations = invite ? [new AdministratorInvitation(second, decision.DecidedBy, decision.DecidedAt)] : [],
            ApprovedBy = decision.DecidedBy,
            ApprovedAt = decision.DecidedAt,
            NextAuditDue = decision.DecidedAt + auditInterval,
            History = [Added(request.Reference, decision.DecidedBy, decision.DecidedAt)],
        };
    }

    /// <summary>The first line of every account's history; rows stored before there was a history read as having just this.</summary>
    public static AuditEntry Added(string sourceReference, Actor by, DateTimeOffset at) =>
        new(at, by.AadObjectId, by.Name, "Added to the register", $"request {sourceReference} approved");
}
