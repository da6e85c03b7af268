using System.Globalization;

namespace TeamsPolicyBot.Storage.Counters;

/// <summary>
/// One row per sequence: partition = the prefix, row = the year. A new year is a new row, so
/// numbering restarts at 1 without anyone resetting anything, and old years stay readable.
/// </summary>
internal static class CounterKeys
{
    public const string ValueColumn = "Value";

    public static string Partition(string prefix) => TableKey.Encode(prefix);

    public static string Row(int year) => year.ToString("D4", CultureInfo.InvariantCulture);
}
