using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Delivery;

/// <summary>
/// Remembers each 1:1 chat the outbox created, under the person's Entra object id, so the next
/// message to them is a plain send into that chat instead of another creation.
/// </summary>
internal sealed class PersonalChatDelivery(IConversationReferences conversations) : IOutboxDeliveryHandler
{
    public string? Kind => null;

    public Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken) =>
        delivery.NewPersonalChat is { User.AadObjectId.Length: > 0 } chat
            ? conversations.SaveAsync(chat, cancellationToken)
            : Task.CompletedTask;
}
