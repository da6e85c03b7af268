using System.Globalization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Retention;

/// <summary>
/// One row per sweep (<c>retention</c> table, partition <c>sweep</c>, row = the start time's ticks, so rows sort oldest
/// first): when it ran and how many of each kind it deleted. Counts only, never a reference, a name or an id, so the
/// audit of deletions holds nothing of what was deleted.
/// </summary>
internal static class RetentionAudit
{
    public const string Partition = "sweep";

    public static TableEntity Row(DateTimeOffset startedAt, DateTimeOffset finishedAt, IReadOnlyDictionary<string, int> deleted)
    {
        var row = new TableEntity(Partition, string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcTicks:D19}"))
        {
            ["StartedAt"] = startedAt,
            ["FinishedAt"] = finishedAt,
        };
        foreach (var (kind, count) in deleted)
        {
            row[kind] = count;
        }

        return row;
    }
}
