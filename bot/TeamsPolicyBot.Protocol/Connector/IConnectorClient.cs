using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (v3) for one bot. <c>serviceUrl</c> is the one Teams gave in the
/// activity that started the conversation; calls are authenticated with the bot's own token.
/// </summary>
public interface IConnectorClient
{
    /// <summary>POST /v3/conversations/{conversationId}/activities/{replyToId}</summary>
    Task<ConnectorResult<ResourceResponse>> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations/{conversationId}/activities</summary>
    Task<ConnectorResult<ResourceResponse>> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations: a new thread in a channel, or a 1:1 chat with a user.</summary>
    Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activityId}: replace a sent message, for everyone.</summary>
    Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{conversationId}/members/{userId}</summary>
    Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{conversationId}/pagedmembers: one page of the roster.</summary>
    Task<ConnectorResult<PagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default);
}
