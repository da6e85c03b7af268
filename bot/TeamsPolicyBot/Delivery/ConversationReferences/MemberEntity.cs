using Azure.Data.Tables;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>
/// A <see cref="KnownMember"/> row: ids, a URL, and the name and email the team roster shows; nothing a person wrote.
/// Mapped by hand to a <see cref="TableEntity"/> (see <see cref="ConversationReferenceEntity"/> for why).
/// </summary>
internal static class MemberEntity
{
    public const string AadObjectId = nameof(AadObjectId);
    public const string SavedAt = nameof(SavedAt);

    public static TableEntity Create(string partition, string rowKey, KnownMember member, DateTimeOffset savedAt) => new(partition, rowKey)
    {
        [AadObjectId] = member.AadObjectId,
        ["TeamsUserId"] = member.TeamsUserId,
        ["ServiceUrl"] = member.ServiceUrl,
        [SavedAt] = savedAt,
        ["TenantId"] = member.TenantId,
        ["Name"] = member.Name,
        ["Email"] = member.Email,
    };

    public static KnownMember ToMember(TableEntity row) => new(
        row.GetString(AadObjectId) ?? "",
        row.GetString("TeamsUserId") ?? "",
        row.GetString("ServiceUrl") ?? "",
        row.GetString("TenantId"),
        row.GetString("Name"),
        row.GetString("Email"));
}
