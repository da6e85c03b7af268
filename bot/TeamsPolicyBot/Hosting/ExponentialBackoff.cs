namespace TeamsPolicyBot.Hosting;

/// <summary>The retry delays of the background workers: doubling from the first, capped.</summary>
internal static class ExponentialBackoff
{
    /// <summary>The wait after <paramref name="attempts"/> failed attempts (1 → <paramref name="first"/>).</summary>
    public static TimeSpan Delay(TimeSpan first, TimeSpan max, int attempts)
    {
        var factor = Math.Pow(2, Math.Max(0, attempts - 1));
        var ticks = Math.Min(first.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
