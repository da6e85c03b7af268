using Azure.Data.Tables;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>
/// A stored reference's row: the <c>ConversationReference</c> as Bot Framework JSON (<c>BotJson.Options</c>), and a few
/// plain columns so a person browsing the table can tell rows apart. Rows are <see cref="TableEntity"/>s mapped by hand:
/// a typed entity would make the Tables SDK compile an expression tree per property on first use (start-up time and memory).
/// </summary>
internal static class ConversationReferenceEntity
{
    public const string Reference = nameof(Reference);
    public const string SavedAt = nameof(SavedAt);

    public static TableEntity Create(string partition, string rowKey, ConversationReference reference, DateTimeOffset savedAt) => new(partition, rowKey)
    {
        [Reference] = BotJson.Serialize(reference),
        [SavedAt] = savedAt,
        ["ConversationId"] = reference.Conversation?.Id,
        ["ConversationType"] = reference.Conversation?.ConversationType,
        ["TenantId"] = reference.Conversation?.TenantId,
    };

    public static string ReferenceJson(TableEntity row) => row.GetString(Reference) ?? "";

    public static DateTimeOffset SavedAtOf(TableEntity row) => row.GetDateTimeOffset(SavedAt) ?? default;
}
