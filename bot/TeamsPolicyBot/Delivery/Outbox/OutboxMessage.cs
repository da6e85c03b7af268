using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Outbox;

public enum OutboxMessageKind
{
    /// <summary>POST an activity to an existing conversation.</summary>
    Send,

    /// <summary>Create a conversation (a new channel thread or a 1:1 chat) with its first activity.</summary>
    CreateConversation,

    /// <summary>PUT: replace an activity the bot sent earlier.</summary>
    Update,
}

/// <summary>Something to send outside a turn. Build one with <see cref="Send"/>, <see cref="CreateConversation"/> or <see cref="Update"/>.</summary>
public sealed record OutboxMessage
{
    private OutboxMessage(OutboxMessageKind kind, string serviceUrl, DeliveryTag? tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        var correlation = tag?.ToString();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correlation?.Length ?? 0, MaxCorrelationLength, nameof(tag));
        Kind = kind;
        ServiceUrl = serviceUrl;
        Correlation = correlation;
    }

    /// <summary>Correlations are ids, not documents; the limit keeps them well inside a table property.</summary>
    public const int MaxCorrelationLength = 1024;

    public OutboxMessageKind Kind { get; }

    public string ServiceUrl { get; }

    /// <summary>For <see cref="OutboxMessageKind.Send"/> and <see cref="OutboxMessageKind.Update"/>.</summary>
    public string? ConversationId { get; private init; }

    /// <summary>For <see cref="OutboxMessageKind.Update"/>: the activity to replace.</summary>
    public string? ActivityId { get; private init; }

    /// <summary>For <see cref="OutboxMessageKind.Send"/> and <see cref="OutboxMessageKind.Update"/>.</summary>
    public Activity? Activity { get; private init; }

    /// <summary>For <see cref="OutboxMessageKind.CreateConversation"/>; carries its own activity.</summary>
    public ConversationParameters? Parameters { get; private init; }

    /// <summary>The <see cref="DeliveryTag"/> as stored, handed back to its <see cref="IOutboxDeliveryHandler"/> ("incident/INC-2026-0042"). Ids, never content: it is stored in plain sight.</summary>
    public string? Correlation { get; }

    /// <summary>
    /// When set, enqueuing a second message with the same key returns the first entry instead of
    /// adding another, so a step that may run again (a retried invoke, a repair after a crash)
    /// never sends twice. An id, never content.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    public static OutboxMessage Send(string serviceUrl, string conversationId, Activity activity, DeliveryTag? tag = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        return new(OutboxMessageKind.Send, serviceUrl, tag) { ConversationId = conversationId, Activity = activity };
    }

    public static OutboxMessage CreateConversation(string serviceUrl, ConversationParameters parameters, DeliveryTag? tag = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new(OutboxMessageKind.CreateConversation, serviceUrl, tag) { Parameters = parameters };
    }

    public static OutboxMessage Update(string serviceUrl, string conversationId, string activityId, Activity activity, DeliveryTag? tag = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        return new(OutboxMessageKind.Update, serviceUrl, tag) { ConversationId = conversationId, ActivityId = activityId, Activity = activity };
    }
}
