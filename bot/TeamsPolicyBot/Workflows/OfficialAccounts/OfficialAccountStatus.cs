namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Where an official account stands in the register (policy 4.3, 4.16-4.21). Stored as its name, so adding a state
/// later does not move the others. The yearly audit moves an account Active → Audit due → Under review → Active (or back to
/// Audit due, or Closing → Closed); administrator changes will use Needs an administrator.
/// </summary>
internal enum OfficialAccountStatus
{
    Active,

    /// <summary>
    /// Stored once the audit cards went out (or Comms asked for changes); before that an Active account reads as this
    /// once its audit is close or past (see <see cref="OfficialAccount.StatusAt"/>).
    /// </summary>
    AuditDue,
    UnderReview,
    NeedsAdministrator,
    Closing,
    Closed,

    /// <summary>An existing account someone registered, waiting for a Comms approver to add it. Not in the register yet.</summary>
    AwaitingComms,

    /// <summary>Comms said a registered account is not an official account. Never in the register.</summary>
    NotOfficial,
}

internal static class OfficialAccountStatuses
{
    /// <summary>The status in words, as the cards show it.</summary>
    public static string Text(OfficialAccountStatus status) => status switch
    {
        OfficialAccountStatus.Active => "Active",
        OfficialAccountStatus.AuditDue => "Audit due",
        OfficialAccountStatus.UnderReview => "Under review",
        OfficialAccountStatus.NeedsAdministrator => "Needs an administrator",
        OfficialAccountStatus.Closing => "Closing",
        OfficialAccountStatus.AwaitingComms => "Waiting for Comms",
        OfficialAccountStatus.NotOfficial => "Not an official account",
        _ => "Closed",
    };

    /// <summary>The card's filter value for a status ("auditDue"), and back.</summary>
    public static string Value(OfficialAccountStatus status) => char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..];

    public static OfficialAccountStatus? Parse(string? value) =>
        Enum.TryParse<OfficialAccountStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
}
