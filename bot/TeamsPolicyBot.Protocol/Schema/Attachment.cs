using System.Text.Json;

namespace TeamsPolicyBot.Protocol.Schema;

public sealed class Attachment : ExtensibleObject
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    public static Attachment AdaptiveCard(JsonElement card) => new() { ContentType = ContentTypes.AdaptiveCard, Content = card };
}

/// <summary>An entity attached to an activity, for example a "mention". Its other fields stay in <see cref="ExtensibleObject.Properties"/>.</summary>
public sealed class Entity : ExtensibleObject
{
    public string? Type { get; set; }
}
