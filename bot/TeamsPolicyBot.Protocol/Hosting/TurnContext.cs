using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

/// <summary>
/// One turn. A reply or update the connector certainly did not take is handed to the
/// <see cref="IReplyFallback"/> (when there is one) and reported as <see cref="ConnectorStatus.Queued"/>,
/// so the turn still ends normally and the message is delivered later.
/// </summary>
internal sealed class TurnContext(Activity activity, IConnectorClient connector, IReplyFallback? fallback = null) : ITurnContext
{
    public Activity Activity { get; } = activity;

    public async Task<ConnectorResult<ResourceResponse>> SendAsync(Activity reply, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        AddressFromBot(reply);
        reply.ReplyToId ??= Activity.Id;
        var result = await (string.IsNullOrEmpty(reply.ReplyToId)
            ? connector.SendAsync(serviceUrl, conversationId, reply, cancellationToken)
            : connector.ReplyAsync(serviceUrl, conversationId, reply.ReplyToId, reply, cancellationToken)).ConfigureAwait(false);
        if (!result.IsSafeToRetry || fallback is null)
        {
            return result;
        }

        // Queued even if Teams gives up on the turn meanwhile: the reply is owed either way.
        await fallback.QueueSendAsync(serviceUrl, conversationId, reply, CancellationToken.None).ConfigureAwait(false);
        return result with { Status = ConnectorStatus.Queued };
    }

    public Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        return connector.GetMemberAsync(serviceUrl, conversationId, userId, cancellationToken);
    }

    public async Task<ConnectorResult<ResourceResponse>> UpdateAsync(string activityId, Activity replacement, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        AddressFromBot(replacement);
        replacement.Id = activityId;
        var result = await connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, replacement, cancellationToken).ConfigureAwait(false);
        if (!result.IsSafeToRetry || fallback is null)
        {
            return result;
        }

        await fallback.QueueUpdateAsync(serviceUrl, conversationId, activityId, replacement, CancellationToken.None).ConfigureAwait(false);
        return result with { Status = ConnectorStatus.Queued };
    }

    private (string ServiceUrl, string ConversationId) Address() =>
        (Activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl."),
         Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id."));

    private void AddressFromBot(Activity outgoing)
    {
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.ChannelId ??= Activity.ChannelId;
        outgoing.Conversation ??= Activity.Conversation;
        outgoing.From ??= Activity.Recipient;
        outgoing.Recipient ??= Activity.From;
        outgoing.ServiceUrl ??= Activity.ServiceUrl;
    }
}
