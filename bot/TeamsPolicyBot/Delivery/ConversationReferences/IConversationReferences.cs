using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

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

    /// <summary>
    /// Remembers a person's Teams user id (<c>29:...</c>) as a team roster gave it, the serviceUrl
    /// and tenant to open a chat with them, and the name and email the roster shows, so the roster
    /// is read once per person. Replaces what was stored for them before.
    /// </summary>
    Task SaveMemberAsync(KnownMember member, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="SaveMemberAsync"/> stored for the person, or null.</summary>
    Task<KnownMember?> FindMemberAsync(string aadObjectId, CancellationToken cancellationToken = default);
}

/// <summary>
/// A person the bot can open a personal chat with: their Teams user id and where to ask, and their
/// name and email as the roster shows them (absent for rows stored before they were kept).
/// </summary>
public sealed record KnownMember(string AadObjectId, string TeamsUserId, string ServiceUrl, string? TenantId, string? Name = null, string? Email = null);
