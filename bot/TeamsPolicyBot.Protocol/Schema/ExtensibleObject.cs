using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>
/// Base for schema types: properties this library does not model are kept, so an activity
/// survives a read-modify-write round trip without losing what Teams added.
/// </summary>
public abstract class ExtensibleObject
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
