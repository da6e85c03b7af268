using System.Globalization;

namespace TeamsPolicyBot.Cards;

/// <summary>Dates and times as cards show them, in UK time (the university's), e.g. "25 Nov 2026 at 14:05".</summary>
internal static class CardDates
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>"25 Nov 2026 at 14:05" (UK time).</summary>
    public static string DateAndTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, UkTime).ToString("d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"25 Nov 2026" (UK date).</summary>
    public static string Date(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, UkTime).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The UK calendar day of <paramref name="instant"/> (what "today" means to a member of staff).</summary>
    /// <summary>"2026-03-04": a day as Input.Date takes and sends it.</summary>
    public static string InputValue(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly UkDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    /// <summary>"14:05" (UK time), for "already approved by Sam Carter at 14:05" on the same day.</summary>
    public static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, UkTime).ToString("HH:mm", CultureInfo.InvariantCulture);
}
