using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// How workflow records keep structured values (details, decisions, audit trails) in a row:
/// as JSON text, enums by name so the table stays readable and an enum can be reordered safely.
/// </summary>
internal static class RecordColumns
{
    // A string property holds at most 64 KiB (32K UTF-16 chars); an entity 1 MiB.
    private const int ChunkChars = 30_000;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? ToJson<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, Json);

    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>
    /// Writes text that may outgrow one property (an audit trail grows with every round of
    /// changes) over <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>… and the count in <c>{name}Chunks</c>.
    /// </summary>
    public static void WriteChunked(TableEntity entity, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(value);
        var chunks = Math.Max(1, (value.Length + ChunkChars - 1) / ChunkChars);
        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkChars;
            entity[ChunkName(name, i)] = value.Substring(start, Math.Min(ChunkChars, value.Length - start));
        }
    }

    public static string ReadChunked(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32(name + "Chunks") ?? 1;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(ChunkName(name, i))));
    }

    private static string ChunkName(string name, int index) => index == 0 ? name : name + index.ToString(CultureInfo.InvariantCulture);
}
