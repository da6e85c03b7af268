using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>A stored reference. The few plain columns exist so a person browsing the table can tell rows apart.</summary>
internal sealed class ConversationReferenceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The <c>ConversationReference</c> as Bot Framework JSON (<c>BotJson.Options</c>).</summary>
    public string Reference { get; set; } = "";
    public string? ConversationId { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
