using System.Collections;
using System.Globalization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// The oldest entries of one of a record's growing lists (messages, questions, history), moved out of the record's row
/// into a child row of their own, so the record stays within Azure's limits (64 KiB a property, 1 MiB an entity) and
/// every card made from it stays small, however long the record lives. Nothing is lost: the child rows keep them.
/// </summary>
/// <param name="List">"messages", "audit": the list's name in the child row's key.</param>
/// <param name="First">The 1-based position, in the order entries moved out, of the first of these (earlier moves hold the ones before).</param>
/// <param name="Entries">The moved entries, oldest first.</param>
internal sealed record MovedEntries(string List, int First, IList Entries)
{
    /// <summary>The entries moved out of <paramref name="list"/> after the <paramref name="earlier"/> moved before them, if any moved.</summary>
    public static IEnumerable<MovedEntries> IfAny(string list, int earlier, IList entries) =>
        entries.Count == 0 ? [] : [new MovedEntries(list, earlier + 1, entries)];
}

/// <summary>A record cut back to its latest entries (<see cref="Kept"/>, what its row holds) and the entries moved out of it.</summary>
internal sealed record RecordSplit<T>(T Kept, IReadOnlyList<MovedEntries> Moved)
{
    /// <summary>The record as it is when nothing moved, else what <paramref name="kept"/> makes of it.</summary>
    public static RecordSplit<T> Of(T record, IEnumerable<MovedEntries> moved, Func<T> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var all = moved.ToList();
        return all.Count == 0 ? new(record, []) : new(kept(), all);
    }
}

/// <summary>
/// Child rows: beside their record's row, in the same partition, so one transaction saves the cut-back record and what it
/// moved out (both or neither). Row key <c>{record row}.{list}.{first:D6}</c>, e.g. <c>referral-HSR-2026-0003.messages.000001</c>.
/// </summary>
internal static class ChildRows
{
    private const string EntriesColumn = "Entries";

    public static string RowKey(string recordRow, string list, int first) =>
        string.Create(CultureInfo.InvariantCulture, $"{recordRow}.{list}.{first:D6}");

    public static TableEntity ToEntity(string partition, string recordRow, MovedEntries moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        var entity = new TableEntity(partition, RowKey(recordRow, moved.List, moved.First))
        {
            ["List"] = moved.List,
            ["First"] = moved.First,
            ["Count"] = moved.Entries.Count,
        };
        RecordColumns.WriteChunked(entity, EntriesColumn, RecordColumns.ToJson<object>(moved.Entries)!);
        return entity;
    }

    /// <summary>The list a moved-out row belongs to ("audit", "notes"...), and its entries as JSON.</summary>
    public static (string List, string EntriesJson) Read(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.GetString("List") ?? "entries", RecordColumns.ReadChunked(row, EntriesColumn));
    }

    /// <summary>The same row with its entries replaced by <paramref name="entriesJson"/> (same list, first and count).</summary>
    public static TableEntity WithEntries(TableEntity row, string entriesJson)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new TableEntity(row.PartitionKey, row.RowKey) { ["List"] = row["List"], ["First"] = row["First"], ["Count"] = row["Count"] };
        RecordColumns.WriteChunked(entity, EntriesColumn, entriesJson);
        return entity;
    }

    /// <summary>Every entry ever moved out of <paramref name="recordRow"/>'s <paramref name="list"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<TEntry>> ReadAsync<TEntry>(TableClient table, string partition, string recordRow, string list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        // The rows whose keys start "{record row}.{list}.": '/' is the character after '.'.
        var filter = TableFilter.Create($"PartitionKey eq {partition} and RowKey gt {recordRow + "." + list + "."} and RowKey lt {recordRow + "." + list + "/"}");
        var entries = new List<TEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.AddRange(RecordColumns.FromJson<List<TEntry>>(RecordColumns.ReadChunked(row, EntriesColumn)) ?? []);
        }

        return entries;
    }
}
