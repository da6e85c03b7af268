using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery;

internal sealed partial class ProactiveMessenger(
    IOutbox outbox,
    IConversationReferences conversations,
    TeamsMembers members,
    CommsTeamLocator commsTeam,
    IOptions<CommsOptions> comms,
    ILogger<ProactiveMessenger> logger) : IProactiveMessenger
{
    public async Task<PersonReach> SendToPersonAsync(string aadObjectId, Activity activity, DeliveryTag? tag, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        ArgumentNullException.ThrowIfNull(activity);
        var chat = await conversations.FindPersonalChatAsync(aadObjectId, cancellationToken);
        if (chat?.ServiceUrl is { } serviceUrl && chat.Conversation?.Id is { } conversationId)
        {
            return PersonReach.Queued(await outbox.EnqueueAsync(OutboxMessage.Send(serviceUrl, conversationId, activity, tag) with { IdempotencyKey = idempotencyKey }, cancellationToken));
        }

        // No chat yet (never talked to the bot, or the chat is still being created: Teams answers
        // a repeated 1:1 creation with the same chat).
        var (member, reason) = await members.FindAsync(aadObjectId, cancellationToken);
        if (member is null)
        {
            LogUnreachable(logger, aadObjectId, reason);
            return PersonReach.Unreachable(reason);
        }

        var parameters = await NewChatAsync(member, activity, cancellationToken);
        var entryId = await outbox.EnqueueAsync(OutboxMessage.CreateConversation(member.ServiceUrl, parameters, tag) with { IdempotencyKey = idempotencyKey }, cancellationToken);
        LogNewChatQueued(logger, aadObjectId, entryId);
        return PersonReach.QueuedNewChat(entryId);
    }

    public async Task<bool> PostToCommsChannelAsync(CommsChannel channel, Activity activity, DeliveryTag tag, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var origin = TurnOrigin.OfCurrentTurn;
        var (serviceUrl, tenantId) = origin is not null
            ? (origin.ServiceUrl, origin.TenantId)
            : await commsTeam.LocateAsync(cancellationToken) is { } team ? (team.ServiceUrl, team.TenantId) : (null, null);
        if (serviceUrl is null)
        {
            LogCommsChannelUnknown(logger, tag.ToString());
            return false;
        }

        var channelData = new TeamsChannelData
        {
            Channel = new TeamsTeamInfo { Id = new CommsChannels(comms).IdOf(channel) },
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
        await outbox.EnqueueAsync(OutboxMessage.CreateConversation(serviceUrl, parameters, tag) with { IdempotencyKey = idempotencyKey }, cancellationToken);
        return true;
    }

    public Task ReplyInThreadAsync(MessageLocation thread, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        outbox.EnqueueAsync(OutboxMessage.Send(thread.ServiceUrl, thread.ConversationId, activity) with { IdempotencyKey = idempotencyKey }, cancellationToken);

    public Task UpdateAsync(MessageLocation message, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        outbox.EnqueueAsync(OutboxMessage.Update(message.ServiceUrl, message.ConversationId, message.ActivityId, activity) with { IdempotencyKey = idempotencyKey }, cancellationToken);

    private async Task<ConversationParameters> NewChatAsync(KnownMember member, Activity activity, CancellationToken cancellationToken)
    {
        var tenant = member.TenantId is null ? null : new TeamsChannelData { Tenant = new TeamsTenantInfo { Id = member.TenantId } };
        return new ConversationParameters
        {
            IsGroup = false,
            // The Entra id rides along (as in Microsoft's own samples) so that when the chat is
            // created, the delivery handler can file it under the person's object id.
            Members = [new ChannelAccount { Id = member.TeamsUserId, AadObjectId = member.AadObjectId }],
            Bot = await commsTeam.BotAsync(cancellationToken),
            TenantId = member.TenantId,
            ChannelData = tenant is null ? null : JsonSerializer.SerializeToElement(tenant, BotJson.Options),
            Activity = activity,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Nothing was posted to the Comms channel about {Tag}: its serviceUrl is unknown (no conversation seen there and Comms:ServiceUrl unset)")]
    private static partial void LogCommsChannelUnknown(ILogger logger, string tag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Person {AadObjectId} cannot be messaged: {Reason}; nothing was queued")]
    private static partial void LogUnreachable(ILogger logger, string aadObjectId, UnreachableReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {AadObjectId} has no chat with the bot yet: a new 1:1 chat is queued as outbox entry {EntryId}")]
    private static partial void LogNewChatQueued(ILogger logger, string aadObjectId, string entryId);
}
