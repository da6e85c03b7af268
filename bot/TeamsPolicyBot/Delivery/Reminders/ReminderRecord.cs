using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Delivery.Reminders;

internal enum ReminderStatus
{
    /// <summary>Waiting for <see cref="ReminderRecord.NextAttemptAt"/> (its due time, or a retry after a failed attempt).</summary>
    Scheduled,

    /// <summary>Claimed by one processor that is calling the handlers now, until <see cref="ReminderRecord.NextAttemptAt"/>.</summary>
    Firing,

    Fired,

    Cancelled,

    /// <summary>The handlers still failed after the last allowed attempt.</summary>
    Failed,
}

/// <summary>
/// One reminder: a row per key, kept after it fired or was cancelled so the key stays one-shot. Mapped to a
/// <see cref="TableEntity"/> by hand (<see cref="ToTableEntity"/>, <see cref="FromTableEntity"/>): as a typed entity the
/// Tables SDK would compile an expression tree per property the first time the worker polls, at start-up.
/// </summary>
internal sealed class ReminderRecord
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Key { get; set; } = "";

    /// <summary>A <see cref="ReminderStatus"/> name: readable in the table, and filterable.</summary>
    public string Status { get; set; } = nameof(ReminderStatus.Scheduled);
    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// When a processor should next look at it: the due time, a retry time, or, while
    /// <see cref="ReminderStatus.Firing"/>, the end of the claim (past it, the claimant is presumed dead).
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The type of the last handler exception, never its message (it could quote content).</summary>
    public string? LastError { get; set; }

    public ReminderStatus State
    {
        get => Enum.Parse<ReminderStatus>(Status);
        set => Status = value.ToString();
    }

    public TableEntity ToTableEntity() => new(PartitionKey, RowKey)
    {
        [nameof(Key)] = Key,
        [nameof(Status)] = Status,
        [nameof(DueAt)] = DueAt,
        [nameof(NextAttemptAt)] = NextAttemptAt,
        [nameof(Attempts)] = Attempts,
        [nameof(ScheduledAt)] = ScheduledAt,
        [nameof(CompletedAt)] = CompletedAt,
        [nameof(LastError)] = LastError,
        ETag = ETag,
    };

    public static ReminderRecord FromTableEntity(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        Timestamp = row.Timestamp,
        ETag = row.ETag,
        Key = row.GetString(nameof(Key)) ?? "",
        Status = row.GetString(nameof(Status)) ?? nameof(ReminderStatus.Scheduled),
        DueAt = row.GetDateTimeOffset(nameof(DueAt)) ?? default,
        NextAttemptAt = row.GetDateTimeOffset(nameof(NextAttemptAt)) ?? default,
        Attempts = row.GetInt32(nameof(Attempts)) ?? 0,
        ScheduledAt = row.GetDateTimeOffset(nameof(ScheduledAt)) ?? default,
        CompletedAt = row.GetDateTimeOffset(nameof(CompletedAt)),
        LastError = row.GetString(nameof(LastError)),
    };
}
