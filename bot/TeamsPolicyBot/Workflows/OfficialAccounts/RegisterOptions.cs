using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>How the register of official accounts reads (<c>Register</c> section).</summary>
public sealed class RegisterOptions
{
    public const string Section = "Register";

    /// <summary>
    /// How long before its next audit an active account reads as "Audit due" and is listed by "audits": time for
    /// Comms to arrange the audit (policy 4.3) before the date, not after it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "180.00:00:00", ErrorMessage = "Register:AuditDueWithin must be between 0 and 180 days, such as 30.00:00:00.")]
    public TimeSpan AuditDueWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many accounts one card lists before its "More" button.</summary>
    [Range(1, 25, ErrorMessage = "Register:PageSize must be between 1 and 25 accounts a card.")]
    public int PageSize { get; set; } = 10;
}
