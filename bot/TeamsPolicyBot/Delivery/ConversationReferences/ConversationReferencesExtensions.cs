using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

public static class ConversationReferencesExtensions
{
    /// <summary>
    /// Remembers the conversation an inbound activity came from, so the bot can message it later.
    /// Meant to be called for every authenticated inbound activity (messages, card actions,
    /// installs). Skips uninstalls and the bot's own removal: those references are about to die.
    /// Returns whether a reference was saved.
    /// </summary>
    public static async Task<bool> RememberConversationAsync(this IConversationReferences references, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id) || IsGoodbye(activity))
        {
            return false;
        }

        await references.SaveAsync(activity.GetConversationReference(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsGoodbye(Activity activity) =>
        (activity.IsType(ActivityTypes.InstallationUpdate) && activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
        || (activity.IsType(ActivityTypes.ConversationUpdate)
            && activity.Recipient?.Id is { } botId
            && activity.MembersRemoved?.Any(m => string.Equals(m.Id, botId, StringComparison.Ordinal)) == true);
}
