using System.Runtime.Serialization;
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

/// <summary>One reminder: a row per key, kept after it fired or was cancelled so the key stays one-shot.</summary>
internal sealed class ReminderRecord : ITableEntity
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

    [IgnoreDataMember]
    public ReminderStatus State
    {
        get => Enum.Parse<ReminderStatus>(Status);
        set => Status = value.ToString();
    }
}
