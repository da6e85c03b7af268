using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>The reminder worker's settings: the <c>Reminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How often the worker looks for due reminders: a reminder fires at most this late.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one instance owns a reminder while its handlers run. Past it, another instance
    /// presumes the owner died and tries again, so it must comfortably exceed a handler's run.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts (including the first) before a reminder whose handlers keep failing is given up on.</summary>
    [SettingRange(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many reminders are handled per poll.</summary>
    [SettingRange(1, 1000)]
    public int BatchSize { get; set; } = 50;
}
