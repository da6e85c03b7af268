using System.Globalization;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// The outbox table holds two kinds of row, all in ONE partition:
/// <list type="bullet">
/// <item><c>entry-{id}</c>: the entry (payload, status, attempts, outcome). Never moves.</item>
/// <item><c>due-{ticks:D19}-{id}</c>: "look at entry {id} at this time", present only while the
/// entry needs a worker (Pending: its send time; Sending: its lease expiry).</item>
/// </list>
/// Why one partition: a worker must claim an entry AND move its due row at once, and Table
/// Storage is transactional only within a partition. Had pending and done entries lived in
/// separate partitions, every state change would be a delete in one and an insert in another,
/// and a crash between them would lose or duplicate work. Here each transition is one batch
/// (conditional on the entry's ETag), so a second worker either sees the old state or the new.
/// Why a due index: the worker reads only the range <c>due-…</c> up to "now", oldest first, so
/// the cost of a poll depends on the work that is due, not on how many entries were ever sent.
/// The price is one hot partition (Azure's target is about 2,000 operations/s per partition),
/// far above the ~50 sends/s Teams allows an app; should that change, shard the partition key
/// (e.g. <c>outbox-{hash(id) % n}</c>) and poll each shard.
/// </summary>
internal static class OutboxKeys
{
    public const string Partition = "outbox";

    private const string EntryPrefix = "entry-";
    private const string DuePrefix = "due-";
    private const string IdempotencyPrefix = "key-";

    public static string EntryRowKey(string entryId) => EntryPrefix + entryId;

    /// <summary>A row per idempotency key, written in the same batch as its entry, naming that entry.</summary>
    public static string IdempotencyRowKey(string key) => IdempotencyPrefix + TableKey.Encode(key);

    /// <summary>The range of entry rows: from this key (inclusive) to <see cref="EntryRangeEnd"/> (exclusive).</summary>
    public static string EntryRangeStart => EntryPrefix;

    public static string EntryRangeEnd => "entry.";

    public static string DueRowKey(DateTimeOffset due, string entryId) =>
        string.Create(CultureInfo.InvariantCulture, $"{DuePrefix}{Ticks(due):D19}-{entryId}");

    /// <summary>The first due row key; every due row sorts at or after it.</summary>
    public static string DueRangeStart => DuePrefix;

    /// <summary>Exclusive end of the rows due at or before <paramref name="now"/>.</summary>
    public static string DueRangeEnd(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{DuePrefix}{Ticks(now) + 1:D19}");

    // Times before the epoch cannot occur here; clamping keeps the fixed-width sort intact anyway.
    private static long Ticks(DateTimeOffset time) => Math.Max(0, time.UtcTicks);
}
