using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage.ConversationReferences;

namespace TeamsPolicyBot.Conversations.ProactiveMessages;

internal sealed class ProactiveMessenger(IOutbox outbox, IConversationReferences conversations, IOptions<CommsOptions> comms) : IProactiveMessenger
{
    public async Task<bool> SendToPersonAsync(string aadObjectId, Activity activity, string? correlation, CancellationToken cancellationToken)
    {
        var chat = await conversations.FindPersonalChatAsync(aadObjectId, cancellationToken);
        if (chat?.ServiceUrl is null || chat.Conversation?.Id is null)
        {
            return false;
        }

        await outbox.EnqueueAsync(OutboxMessage.Send(chat.ServiceUrl, chat.Conversation.Id, activity, correlation), cancellationToken);
        return true;
    }

    public Task PostToCommsChannelAsync(string serviceUrl, string? tenantId, Activity activity, string correlation, CancellationToken cancellationToken)
    {
        var channelData = new TeamsChannelData
        {
            Channel = new TeamsTeamInfo { Id = comms.Value.ChannelId },
            Team = new TeamsTeamInfo { Id = comms.Value.TeamId },
            Tenant = tenantId is null ? null : new TeamsTenantInfo { Id = tenantId },
        };
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = tenantId,
            ChannelData = JsonSerializer.SerializeToElement(channelData, BotJson.Options),
            Activity = activity,
        };
        return outbox.EnqueueAsync(OutboxMessage.CreateConversation(serviceUrl, parameters, correlation), cancellationToken);
    }

    public Task ReplyInThreadAsync(string serviceUrl, string threadConversationId, Activity activity, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(OutboxMessage.Send(serviceUrl, threadConversationId, activity), cancellationToken);

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(OutboxMessage.Update(serviceUrl, conversationId, activityId, activity), cancellationToken);
}
