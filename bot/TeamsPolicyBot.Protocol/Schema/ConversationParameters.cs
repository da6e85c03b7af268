using System.Text.Json;

namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>Body of POST /v3/conversations: a new channel thread or a 1:1 chat.</summary>
public sealed class ConversationParameters : ExtensibleObject
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonElement? ChannelData { get; set; }
}

/// <summary>The connector's answer to creating a conversation.</summary>
public sealed class ConversationResourceResponse : ExtensibleObject
{
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Id { get; set; }
}

/// <summary>The connector's answer to sending or updating an activity.</summary>
public sealed class ResourceResponse : ExtensibleObject
{
    public string? Id { get; set; }
}
