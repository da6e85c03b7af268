using System.Text.Json;

namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>A Bot Framework activity: the one message type the connector and the bot exchange.</summary>
public sealed class Activity : ExtensibleObject
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public string? Action { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? InputHint { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public JsonElement? Value { get; set; }

    /// <summary>The id as logs show it: it comes from the client, so a very long one is cut.</summary>
    public string? IdForLog() => Id is { Length: > 128 } ? Id[..128] + "…" : Id;

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>In a one-to-one chat with the bot (Teams names it "personal"; a missing type is one too).</summary>
    public bool IsInPersonalChat() => Conversation?.ConversationType is null or ConversationTypes.Personal;

    /// <summary>Teams' channel data (tenant, team, channel, event type), typed; null when absent or not of Teams' shape.</summary>
    public TeamsChannelData? GetTeamsChannelData()
    {
        if (ChannelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        try
        {
            return data.Deserialize<TeamsChannelData>(BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The text with every @mention of the recipient (the bot) removed, trimmed. In channels and
    /// group chats Teams puts "&lt;at&gt;Bot name&lt;/at&gt;" into the text; the command is what is left.
    /// </summary>
    public string TextWithoutRecipientMention()
    {
        var text = Text ?? string.Empty;
        foreach (var mention in Entities ?? [])
        {
            if (!string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase) || mention.Properties is null)
            {
                continue;
            }

            var mentionsRecipient = mention.Properties.TryGetValue("mentioned", out var mentioned) &&
                mentioned.ValueKind == JsonValueKind.Object &&
                mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String &&
                string.Equals(id.GetString(), Recipient?.Id, StringComparison.Ordinal);
            if (mentionsRecipient && mention.Properties.TryGetValue("text", out var mentionText) &&
                mentionText.ValueKind == JsonValueKind.String && mentionText.GetString() is { Length: > 0 } markup)
            {
                text = text.Replace(markup, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }

    /// <summary>A new outgoing message with text and, optionally, cards.</summary>
    public static Activity CreateMessage(string? text = null, params Attachment[] attachments) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = attachments.Length > 0 ? attachments.ToList() : null,
    };

    /// <summary>The reference needed to message this conversation later.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };
}
