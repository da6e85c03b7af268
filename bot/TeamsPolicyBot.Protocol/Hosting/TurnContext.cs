using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

internal sealed class TurnContext(Activity activity, IConnectorClient connector) : ITurnContext
{
    public Activity Activity { get; } = activity;

    public Task<ConnectorResult<ResourceResponse>> SendAsync(Activity reply, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        AddressFromBot(reply);
        reply.ReplyToId ??= Activity.Id;
        return string.IsNullOrEmpty(reply.ReplyToId)
            ? connector.SendAsync(serviceUrl, conversationId, reply, cancellationToken)
            : connector.ReplyAsync(serviceUrl, conversationId, reply.ReplyToId, reply, cancellationToken);
    }

    public Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        return connector.GetMemberAsync(serviceUrl, conversationId, userId, cancellationToken);
    }

    public Task<ConnectorResult<ResourceResponse>> UpdateAsync(string activityId, Activity replacement, CancellationToken cancellationToken = default)
    {
        var (serviceUrl, conversationId) = Address();
        AddressFromBot(replacement);
        replacement.Id = activityId;
        return connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, replacement, cancellationToken);
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
