using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.Dialogs;

/// <summary>
/// What follows a dialog goes to the person's own chat with the bot, through the outbox: a dialog can be opened in any
/// chat or channel, where other people read along, and its answer closes with a short text only.
/// </summary>
internal sealed class OwnChat(IProactiveMessenger messenger, IConversationReferences conversationReferences)
{
    /// <summary>Sends <paramref name="message"/> to the person who submitted the dialog.</summary>
    public async Task<PersonReach> SendAsync(ITurnContext turn, Activity message, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        await RememberAsync(turn, cancellationToken);
        return await messenger.SendToPersonAsync(turn.Actor().AadObjectId, message, tag: null, cancellationToken, idempotencyKey);
    }

    /// <summary>They may never have talked to the bot: their Teams id from this invoke is remembered for the chat to be opened.</summary>
    private async Task RememberAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.From is not { Id: { Length: > 0 } teamsId, AadObjectId: { Length: > 0 } aadId } || activity.ServiceUrl is null ||
            await conversationReferences.FindPersonalChatAsync(aadId, cancellationToken) is not null ||
            await conversationReferences.FindMemberAsync(aadId, cancellationToken) is not null)
        {
            return;
        }

        await conversationReferences.SaveMemberAsync(new KnownMember(aadId, teamsId, activity.ServiceUrl, turn.TenantId(), activity.From.Name), cancellationToken);
    }
}
