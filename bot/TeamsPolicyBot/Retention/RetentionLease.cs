using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Retention;

/// <summary>
/// The one row (<c>retention</c> table, partition <c>lease</c>, row <c>sweep</c>) that makes the sweep run on one
/// instance at a time and survive restarts: when the next sweep is due, and the claim of the instance running one now.
/// Every change is an ETag-conditional replace, as the outbox and reminders claim their rows. Mapped to a
/// <see cref="TableEntity"/> by hand, as the reminders are (<see cref="Delivery.Reminders.ReminderRecord"/>).
/// </summary>
internal sealed class RetentionLease
{
    public const string Partition = "lease";
    public const string Row = "sweep";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the next sweep is due.</summary>
    public DateTimeOffset NextRunAt { get; set; }

    /// <summary>Set while an instance sweeps: until then no other starts one; past it (the instance died) another takes over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>When the last sweep finished.</summary>
    public DateTimeOffset? LastRunAt { get; set; }

    public TableEntity ToTableEntity() => new(PartitionKey, RowKey)
    {
        [nameof(NextRunAt)] = NextRunAt,
        [nameof(ClaimedUntil)] = ClaimedUntil,
        [nameof(LastRunAt)] = LastRunAt,
        ETag = ETag,
    };

    public static RetentionLease FromTableEntity(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        Timestamp = row.Timestamp,
        ETag = row.ETag,
        NextRunAt = row.GetDateTimeOffset(nameof(NextRunAt)) ?? default,
        ClaimedUntil = row.GetDateTimeOffset(nameof(ClaimedUntil)),
        LastRunAt = row.GetDateTimeOffset(nameof(LastRunAt)),
    };
}
