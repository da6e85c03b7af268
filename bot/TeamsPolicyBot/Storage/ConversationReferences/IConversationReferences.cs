using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Storage.ConversationReferences;

/// <summary>Where the bot remembers how to reach a user or a conversation later (proactive messages).</summary>
public interface IConversationReferences
{
    /// <summary>
    /// Upserts the reference. A personal chat is also indexed by the user's AAD object id and
    /// Teams id; a channel thread (<c>19:...;messageid=...</c>) is also indexed by its channel.
    /// Call it for every inbound activity and installation: Teams may move a conversation to
    /// another serviceUrl, and the newest reference wins.
    /// </summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default);

    /// <summary>The personal chat with the user whose Entra (AAD) object id this is, or null.</summary>
    Task<ConversationReference?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default);

    /// <summary>The personal chat with the user whose Teams id (<c>29:...</c>) this is, or null.</summary>
    Task<ConversationReference?> FindByTeamsUserIdAsync(string teamsUserId, CancellationToken cancellationToken = default);

    /// <summary>Any conversation (personal, group chat, team, channel or thread) by its conversation id, or null.</summary>
    Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken cancellationToken = default);
}
