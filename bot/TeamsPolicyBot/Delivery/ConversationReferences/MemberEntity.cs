using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>A <see cref="KnownMember"/> row: ids, a URL, and the name and email the team roster shows; nothing a person wrote.</summary>
internal sealed class MemberEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AadObjectId { get; set; } = "";
    public string TeamsUserId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
