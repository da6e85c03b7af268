using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// The conversation reference of a 1:1 chat the bot created, built from what it asked for: the
/// connector's answer holds only the new conversation's id, not who is in it.
/// </summary>
internal static class PersonalChatReference
{
    private const string TeamsChannelId = "msteams";

    /// <summary>Null unless <paramref name="parameters"/> asked for a 1:1 chat with one named member.</summary>
    public static ConversationReference? For(ConversationParameters? parameters, string serviceUrl, string conversationId)
    {
        if (parameters is null || parameters.IsGroup == true || parameters.Members is not [{ Id: { Length: > 0 } } member] || string.IsNullOrEmpty(conversationId))
        {
            return null;
        }

        return new ConversationReference
        {
            ChannelId = TeamsChannelId,
            ServiceUrl = serviceUrl,
            User = new ChannelAccount { Id = member.Id, AadObjectId = member.AadObjectId, Name = member.Name },
            Bot = parameters.Bot,
            Conversation = new ConversationAccount
            {
                Id = conversationId,
                ConversationType = ConversationTypes.Personal,
                IsGroup = false,
                TenantId = parameters.TenantId,
            },
        };
    }
}
