using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>What is sent: kept as Bot Framework JSON so unknown properties survive.</summary>
internal sealed class OutboxPayload
{
    public Activity? Activity { get; set; }
    public ConversationParameters? Parameters { get; set; }
}

/// <summary>One <c>entry-{id}</c> row, typed. Transitions are written as <c>current with { ... }</c>.</summary>
internal sealed record OutboxRecord
{
    // A string property may hold 64 KiB (32K UTF-16 chars); a card may be ~100 KB, so the
    // payload is split over as many properties as it needs (the entity limit is 1 MiB).
    private const int ChunkChars = 30_000;
    private const string PayloadProperty = "Payload";

    public required string Id { get; init; }
    public required OutboxMessageKind Kind { get; init; }
    public required OutboxStatus Status { get; init; }
    public required string ServiceUrl { get; init; }
    public string? ConversationId { get; init; }
    public string? ActivityId { get; init; }
    public string? Correlation { get; init; }

    /// <summary>The caller's idempotency key (an id, never content): what a failure notice names when there is no correlation.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The rate-limit bucket (a conversation or, for a create, where it is created).</summary>
    public required string PacingKey { get; init; }
    public required string PayloadJson { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The due row that currently points here (null once the entry is finished).</summary>
    public string? DueRowKey { get; init; }
    public string? ClaimId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>While Pending after a failed attempt: when it is tried again (the due row says the same).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? FailureReason { get; init; }
    public string? LastError { get; init; }
    public string? DeliveredConversationId { get; init; }
    public string? DeliveredActivityId { get; init; }
    public ETag ETag { get; init; }

    /// <summary>What is sent; empty once the entry is finished (see <see cref="IsFinished"/>).</summary>
    public OutboxPayload Payload => PayloadJson.Length == 0 ? new OutboxPayload() : BotJson.Deserialize<OutboxPayload>(PayloadJson) ?? new OutboxPayload();

    /// <summary>Sent, Failed or InDoubt: the entry is never sent again, so it keeps no content.</summary>
    public bool IsFinished => Status is OutboxStatus.Sent or OutboxStatus.Failed or OutboxStatus.InDoubt;

    public OutboxEntry ToEntry() => new(
        Id, Kind, Status, ServiceUrl, ConversationId, ActivityId, Correlation, Attempts, EnqueuedAt,
        CompletedAt, FailureReason, DeliveredConversationId, DeliveredActivityId, IdempotencyKey, NextAttemptAt, LastError, ClaimId);

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(OutboxKeys.Partition, OutboxKeys.EntryRowKey(Id))
        {
            [nameof(Id)] = Id,
            [nameof(Kind)] = Kind.ToString(),
            [nameof(Status)] = Status.ToString(),
            [nameof(ServiceUrl)] = ServiceUrl,
            [nameof(ConversationId)] = ConversationId,
            [nameof(ActivityId)] = ActivityId,
            [nameof(Correlation)] = Correlation,
            [nameof(IdempotencyKey)] = IdempotencyKey,
            [nameof(PacingKey)] = PacingKey,
            [nameof(Attempts)] = Attempts,
            [nameof(EnqueuedAt)] = EnqueuedAt,
            [nameof(DueRowKey)] = DueRowKey,
            [nameof(ClaimId)] = ClaimId,
            [nameof(LeaseUntil)] = LeaseUntil,
            [nameof(NextAttemptAt)] = NextAttemptAt,
            [nameof(CompletedAt)] = CompletedAt,
            [nameof(FailureReason)] = FailureReason,
            [nameof(LastError)] = LastError,
            [nameof(DeliveredConversationId)] = DeliveredConversationId,
            [nameof(DeliveredActivityId)] = DeliveredActivityId,
        };
        var chunks = (PayloadJson.Length + ChunkChars - 1) / ChunkChars;
        entity["PayloadChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity[PayloadProperty + i.ToString(CultureInfo.InvariantCulture)] = PayloadJson.Substring(i * ChunkChars, Math.Min(ChunkChars, PayloadJson.Length - (i * ChunkChars)));
        }

        return entity;
    }

    public static OutboxRecord FromEntity(TableEntity entity)
    {
        var chunks = entity.GetInt32("PayloadChunks") ?? 0;
        var payload = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(PayloadProperty + i.ToString(CultureInfo.InvariantCulture))));
        return new OutboxRecord
        {
            Id = entity.GetString(nameof(Id)),
            Kind = Enum.Parse<OutboxMessageKind>(entity.GetString(nameof(Kind))),
            Status = Enum.Parse<OutboxStatus>(entity.GetString(nameof(Status))),
            ServiceUrl = entity.GetString(nameof(ServiceUrl)),
            ConversationId = entity.GetString(nameof(ConversationId)),
            ActivityId = entity.GetString(nameof(ActivityId)),
            Correlation = entity.GetString(nameof(Correlation)),
            IdempotencyKey = entity.GetString(nameof(IdempotencyKey)),
            PacingKey = entity.GetString(nameof(PacingKey)),
            PayloadJson = payload,
            Attempts = entity.GetInt32(nameof(Attempts)) ?? 0,
            EnqueuedAt = entity.GetDateTimeOffset(nameof(EnqueuedAt)) ?? default,
            DueRowKey = entity.GetString(nameof(DueRowKey)),
            ClaimId = entity.GetString(nameof(ClaimId)),
            LeaseUntil = entity.GetDateTimeOffset(nameof(LeaseUntil)),
            NextAttemptAt = entity.GetDateTimeOffset(nameof(NextAttemptAt)),
            CompletedAt = entity.GetDateTimeOffset(nameof(CompletedAt)),
            FailureReason = entity.GetString(nameof(FailureReason)),
            LastError = entity.GetString(nameof(LastError)),
            DeliveredConversationId = entity.GetString(nameof(DeliveredConversationId)),
            DeliveredActivityId = entity.GetString(nameof(DeliveredActivityId)),
            ETag = entity.ETag,
        };
    }

    public static OutboxRecord Create(string id, OutboxMessage message, DateTimeOffset now) => new()
    {
        Id = id,
        Kind = message.Kind,
        Status = OutboxStatus.Pending,
        ServiceUrl = message.ServiceUrl,
        ConversationId = message.ConversationId,
        ActivityId = message.ActivityId,
        Correlation = message.Correlation,
        IdempotencyKey = message.IdempotencyKey,
        PacingKey = PacingKeyFor(message),
        PayloadJson = BotJson.Serialize(new OutboxPayload { Activity = message.Activity, Parameters = message.Parameters }),
        EnqueuedAt = now,
    };

    // Teams limits sends per thread; a create opens a new thread, so creations are paced per
    // channel (or per user, for 1:1 chats) instead, which keeps a fan-out into one channel in check.
    private static string PacingKeyFor(OutboxMessage message)
    {
        if (message.ConversationId is { } conversationId)
        {
            return conversationId;
        }

        var parameters = message.Parameters!;
        var channelId = parameters.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } data
            && data.TryGetProperty("channel", out var channel)
            && channel.ValueKind == System.Text.Json.JsonValueKind.Object
            && channel.TryGetProperty("id", out var id)
            ? id.GetString()
            : null;
        return "create:" + (channelId ?? parameters.Members?.FirstOrDefault()?.Id ?? message.ServiceUrl);
    }
}

/// <summary>One <c>due-…</c> row as read by a poll.</summary>
internal sealed record OutboxDueRow(string RowKey, string EntryId, string PacingKey, bool IsLease, ETag ETag);
