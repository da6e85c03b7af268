using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;

namespace TeamsPolicyBot.Workspace;

/// <summary>
/// Teams deep links from the workspace to a record's card in its workflow's Comms channel (<see cref="CommsChannels"/>),
/// or to that channel when the card's place is not known yet.
/// </summary>
internal sealed record WorkspaceLinks(CommsChannels Channels, string? TenantId)
{
    public string Channel(CommsChannel channel) =>
        $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(Channels.IdOf(channel))}/Comms{Query(null)}";

    public string To(CommsChannel channel, MessageLocation? card) =>
        card is null ? Channel(channel) : card.ThreadUrl(Channels.IdOf(channel)) + Query(card.ActivityId);

    private string Query(string? messageId)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(TenantId))
        {
            parts.Add("tenantId=" + Uri.EscapeDataString(TenantId));
        }

        if (messageId is not null)
        {
            // The card starts its thread, so it is its own parent message.
            parts.Add("parentMessageId=" + Uri.EscapeDataString(messageId));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
