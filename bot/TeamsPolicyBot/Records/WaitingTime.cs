using System.Globalization;

namespace TeamsPolicyBot.Records;

/// <summary>
/// How long a piece of Comms work has waited, in the same words wherever it is shown: the workspace's queue and trends,
/// and the time-target reminders in the channel threads.
/// </summary>
internal static class WaitingTime
{
    /// <summary>An item is near its target in the last fifth of its time: the queue marks it, and its reminder goes out.</summary>
    public const double NearShare = 0.2;

    /// <summary>"3 days", "5 hours", "12 minutes": the largest whole unit, which is all a glance needs.</summary>
    public static string Words(TimeSpan span)
    {
        static string Unit(int n, string unit) => n == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{n} {unit}s");
        return span.TotalDays >= 1 ? Unit((int)span.TotalDays, "day")
            : span.TotalHours >= 1 ? Unit((int)span.TotalHours, "hour")
            : Unit(Math.Max(0, (int)span.TotalMinutes), "minute");
    }
}
