using TeamsPolicyBot.Delivery;

namespace TeamsPolicyBot.Workspace;

/// <summary>Teams deep links from the workspace to a record's card in the Comms channel, or to the channel when the card's place is not known yet.</summary>
internal sealed record WorkspaceLinks(string ChannelId, string? TenantId)
{
    public string Channel => $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(ChannelId)}/Comms{Query(null)}";

    public string To(MessageLocation? card) => card is null ? Channel : card.ThreadUrl(ChannelId) + Query(card.ActivityId);

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
