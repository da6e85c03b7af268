using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>
/// One partition per way of looking a reference up, the id (encoded by <see cref="TableKey"/>)
/// as the row key. Every look-up is then a point read, and a partition doubles as the list of
/// everyone reachable that way (e.g. all users with a personal chat, for a fan-out).
/// </summary>
internal static class ConversationReferenceKeys
{
    /// <summary>Personal chat, by the user's Entra (AAD) object id.</summary>
    public const string ByAadObjectId = "aad";

    /// <summary>Personal chat, by the user's Teams id (<c>29:...</c>).</summary>
    public const string ByTeamsUserId = "user";

    /// <summary>Any conversation (personal, group chat, channel, channel thread), by its conversation id.</summary>
    public const string ByConversationId = "conversation";

    /// <summary>
    /// A person's Teams id learned from a team roster, by their Entra object id: how to open a
    /// personal chat with someone who has not talked to the bot yet, without reading the roster again.
    /// </summary>
    public const string MemberByAadObjectId = "member";

    public static string AadRowKey(string aadObjectId) => TableKey.EncodeObjectId(aadObjectId);

    public static string TeamsUserRowKey(string teamsUserId) => TableKey.Encode(teamsUserId);

    public static string ConversationRowKey(string conversationId) => TableKey.Encode(conversationId);
}
