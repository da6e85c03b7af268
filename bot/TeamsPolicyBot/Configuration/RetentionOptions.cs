using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// How long records are kept once they have ended, and how often the sweep that deletes them runs (<c>Retention</c> section;
/// policy 5.4, UK GDPR storage limitation). Six years is 2,192 days: the most days any six years can span (two leap
/// days), so a record is never deleted a day early, whatever the date it ended.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    private const string Min = "00:00:01";
    private const string Max = "36500.00:00:00";

    /// <summary>Harassment support referrals, from when they were closed or withdrawn.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Retention:SupportReferrals must be a positive period, such as 2192.00:00:00 (six years).")]
    public TimeSpan SupportReferrals { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>Incident reports, from when they were resolved.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Retention:Incidents must be a positive period, such as 2192.00:00:00 (six years).")]
    public TimeSpan Incidents { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>Account requests that were rejected or withdrawn, from that decision. Approved ones live as long as their account.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Retention:AccountRequests must be a positive period, such as 731.00:00:00 (two years).")]
    public TimeSpan AccountRequests { get; set; } = TimeSpan.FromDays(731);

    /// <summary>Official accounts (and the approved request behind each), from when the account was closed.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Retention:ClosedAccounts must be a positive period, such as 2192.00:00:00 (six years).")]
    public TimeSpan ClosedAccounts { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>Finished outbox entries (with their due and idempotency rows) and finished reminders, from when they finished.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Retention:DeliveryRecords must be a positive period, such as 30.00:00:00 (30 days).")]
    public TimeSpan DeliveryRecords { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweep runs (one instance at a time, whatever the number of instances).</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "31.00:00:00", ErrorMessage = "Retention:SweepInterval must be between 00:01:00 (one minute) and 31.00:00:00 (31 days).")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest period any record is kept: a person's conversation references go once they have no record left and
    /// have not used the bot for this long (a record still kept may need to reach them).
    /// </summary>
    public TimeSpan Longest => new[] { SupportReferrals, Incidents, AccountRequests, ClosedAccounts }.Max();
}
