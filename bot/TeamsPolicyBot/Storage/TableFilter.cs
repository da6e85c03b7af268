using System.Globalization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/> for filters that compare times. The SDK writes a
/// <see cref="DateTimeOffset"/> with <c>XmlConvert</c>, which loads the whole XML library (megabytes of memory in every
/// instance, issue 14) for one date; here a time is written as the same OData literal without it, and every other value
/// is quoted and escaped by the SDK, one at a time.
/// </summary>
internal static class TableFilter
{
    public static string Create(FormattableString filter) =>
        string.Format(CultureInfo.InvariantCulture, filter.Format, [.. filter.GetArguments().Select(Literal)]);

    /// <summary><c>datetime'2026-12-07T10:00:00.0000000Z'</c>: the instant in UTC, to the tick.</summary>
    public static string DateTimeLiteral(DateTimeOffset value) =>
        "datetime'" + value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'";

    private static string Literal(object? value) => value is DateTimeOffset time
        ? DateTimeLiteral(time)
        : TableClient.CreateQueryFilter($"{value}");
}
