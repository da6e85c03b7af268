using System.Globalization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/> without the SDK's filter writer, which uses <c>XmlConvert</c>
/// and so loads the whole XML library (megabytes of memory in every instance, issue 14) the first time any filter is
/// written. Every value is written as the same OData literal the SDK writes: strings quoted with their quotes doubled,
/// times in UTC to the tick. A value of any other type is refused rather than guessed at.
/// </summary>
internal static class TableFilter
{
    public static string Create(FormattableString filter) =>
        string.Format(CultureInfo.InvariantCulture, filter.Format, [.. filter.GetArguments().Select(Literal)]);

    /// <summary><c>datetime'2026-12-07T10:00:00.0000000Z'</c>: the instant in UTC, to the tick.</summary>
    public static string DateTimeLiteral(DateTimeOffset value) =>
        "datetime'" + value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'";

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTimeOffset time => DateTimeLiteral(time),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        Guid id => "guid'" + id.ToString("D", CultureInfo.InvariantCulture) + "'",
        _ => throw new ArgumentException($"A table filter value of type {value.GetType().Name} is not supported; add its literal here.", nameof(value)),
    };
}
