using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// How long each piece of Comms work may wait (<c>Targets</c> section): the Comms workspace shows every item's age against
/// its target. Urgent incidents and urgent support referrals keep their own, shorter settings
/// (<c>Incidents:AcknowledgeWithinMinutes</c>, <c>Support:TakeWithinMinutes</c>), which also time their reminders.
/// </summary>
public sealed class TargetsOptions
{
    public const string Section = "Targets";

    private const string Min = "00:01:00";
    private const string Max = "90.00:00:00";

    /// <summary>How long Comms may take to decide an account request (policy 3.3 asks for approval first, and sets no deadline: this is the team's own).</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Targets:DecideAccountRequestWithin must be between 00:01:00 and 90.00:00:00, such as 10.00:00:00 (ten days).")]
    public TimeSpan DecideAccountRequestWithin { get; set; } = TimeSpan.FromDays(10);

    /// <summary>How long an incident not marked urgent may wait for someone in Comms to take it.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Targets:TakeIncidentWithin must be between 00:01:00 and 90.00:00:00, such as 1.00:00:00 (one day).")]
    public TimeSpan TakeIncidentWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a support referral not marked urgent may wait for a case handler to take it.</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Targets:TakeSupportReferralWithin must be between 00:01:00 and 90.00:00:00, such as 1.00:00:00 (one day).")]
    public TimeSpan TakeSupportReferralWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an official account may have fewer than two administrators after one left (policy 4.21 asks for two).</summary>
    [SettingRange(typeof(TimeSpan), Min, Max, ErrorMessage = "Targets:ReplaceAdministratorWithin must be between 00:01:00 and 90.00:00:00, such as 14.00:00:00 (two weeks).")]
    public TimeSpan ReplaceAdministratorWithin { get; set; } = TimeSpan.FromDays(14);
}
