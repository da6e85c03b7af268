using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// The register of official accounts and its yearly audit (<c>Accounts</c> section). The register's first two settings
/// were once under <c>Register</c>; those keys are still read (bound first, so <c>Accounts</c> wins) so no deployment breaks.
/// </summary>
public sealed class AccountsOptions : IValidatableObject
{
    public const string Section = "Accounts";

    /// <summary>The section <see cref="AuditDueWithin"/> and <see cref="PageSize"/> were read from before they moved here.</summary>
    public const string OldSection = "Register";

    /// <summary>
    /// How long before its next audit an active account reads as "Audit due" and is listed by "audits": time for
    /// Comms to arrange the audit (policy 4.3) before the date, not after it.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "180.00:00:00", ErrorMessage = "Accounts:AuditDueWithin must be between 0 and 180 days, such as 30.00:00:00.")]
    public TimeSpan AuditDueWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many accounts one card lists before its "More" button.</summary>
    [SettingRange(1, 25, ErrorMessage = "Accounts:PageSize must be between 1 and 25 accounts a card.")]
    public int PageSize { get; set; } = 10;

    /// <summary>
    /// From an account's approval (and from each audit Comms continues) to its next audit, when its administrators are
    /// sent the audit card (policy 4.3, 4.17). A year; seconds in a test run.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "730.00:00:00", ErrorMessage = "Accounts:AuditInterval must be between 1 second and 730 days, such as 365.00:00:00.")]
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long after the audit cards go out an audit nobody completed is chased: the administrators are reminded once.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Accounts:AuditChaseAfter must be between 1 second and 365 days, such as 14.00:00:00.")]
    public TimeSpan AuditChaseAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long after the audit cards go out an audit nobody completed is escalated: the Comms channel and the administrators' line managers are told once.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Accounts:AuditEscalateAfter must be between 1 second and 365 days, such as 28.00:00:00.")]
    public TimeSpan AuditEscalateAfter { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// How often, with <c>Graph:Enabled</c>, the accepted administrators of every running account are looked up in the
    /// directory: anyone deleted or disabled there is handled as having left the university (policy 4.20). A day; seconds in a test run.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "31.00:00:00", ErrorMessage = "Accounts:LeaverCheckInterval must be between 1 second and 31 days, such as 1.00:00:00.")]
    public TimeSpan LeaverCheckInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long after a request for a new account is approved its requester is reminded, once, to add the account's link
    /// and handle if they still have not (policy 4.1: the register lists every account where it can be found).
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Accounts:LinkReminderAfter must be between 1 second and 365 days, such as 14.00:00:00.")]
    public TimeSpan LinkReminderAfter { get; set; } = TimeSpan.FromDays(14);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuditEscalateAfter <= AuditChaseAfter)
        {
            yield return new ValidationResult(
                $"Accounts:AuditEscalateAfter ({AuditEscalateAfter}) must be later than Accounts:AuditChaseAfter ({AuditChaseAfter}): the administrators are reminded before anyone else is told.",
                [nameof(AuditEscalateAfter)]);
        }
    }
}
