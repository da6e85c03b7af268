using System.Globalization;

namespace TeamsPolicyBot.DataProtection;

/// <summary>A retention period in words for people: "six years", "two years", "30 days".</summary>
internal static class Period
{
    private static readonly string[] Numbers = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    public static string Words(TimeSpan period)
    {
        // The schedule's years are counted generously (2,192 days for six years), so round to the nearest year.
        var years = (int)Math.Round(period.TotalDays / 365.25);
        if (years >= 1 && Math.Abs(period.TotalDays - (years * 365.25)) <= 3)
        {
            var count = years < Numbers.Length ? Numbers[years] : years.ToString(CultureInfo.InvariantCulture);
            return years == 1 ? "one year" : $"{count} years";
        }

        var days = Math.Max(1, (int)Math.Ceiling(period.TotalDays));
        return days == 1 ? "one day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
    }
}
