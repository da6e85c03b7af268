using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.DataProtection;

/// <summary>
/// Everything that identifies one person in stored records, learned from the records themselves: their object id, and
/// the names, emails and Teams ids stored beside it (an <c>Actor</c>, a <c>Requester</c>, an audit line's actor, an
/// administrator). Erasure replaces each of them, wherever it appears, with <see cref="Pseudonym"/>.
/// </summary>
internal sealed class PersonIdentity
{
    private readonly HashSet<string> identifiers = new(StringComparer.OrdinalIgnoreCase);

    public PersonIdentity(string objectId, string? pseudonym = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        ObjectId = objectId.Trim();
        identifiers.Add(ObjectId);

        // Random, not derived from the id: a hash of an object id could be reversed by hashing the directory's ids.
        Pseudonym = pseudonym ?? "person-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    public string ObjectId { get; }

    /// <summary>What stands for the person in every record kept: "person-1a2b3c", the same in all of them.</summary>
    public string Pseudonym { get; }

    /// <summary>The object id and every name, email and Teams id learned so far, longest first (so a full name goes before a part of it).</summary>
    public IReadOnlyList<string> Identifiers => [.. identifiers.OrderByDescending(identifier => identifier.Length)];

    /// <summary>Adds an identifier found elsewhere (the email the tool was given).</summary>
    public void Add(string? identifier)
    {
        // Shorter than three characters would stand for too many other words ("Al", "Jo").
        if (identifier?.Trim() is { Length: >= 3 } clean)
        {
            identifiers.Add(clean);
        }
    }

    /// <summary>Adds a name, and each part of it ("Priya Shah": also "Priya" and "Shah", as typed text names people).</summary>
    public void AddName(string? name)
    {
        Add(name);
        foreach (var part in name?.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            Add(part);
        }
    }

    /// <summary>
    /// Learns the names, emails and Teams ids stored beside the person's object id anywhere in <paramref name="node"/>:
    /// in any object with a property holding the id, the string properties whose names end in "name", "email" or "userId".
    /// </summary>
    public void Learn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Any(property => property.Value is JsonValue value && value.TryGetValue<string>(out var text) && string.Equals(text, ObjectId, StringComparison.OrdinalIgnoreCase)))
                {
                    foreach (var (name, value) in obj)
                    {
                        if (IsIdentifying(name) && value is JsonValue v && v.TryGetValue<string>(out var text))
                        {
                            if (name.EndsWith("name", StringComparison.OrdinalIgnoreCase))
                            {
                                AddName(text);
                            }
                            else
                            {
                                Add(text);
                            }
                        }
                    }
                }

                foreach (var (_, value) in obj)
                {
                    Learn(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Learn(item);
                }

                break;
        }
    }

    /// <summary>A copy of <paramref name="node"/> with every identifier, in every string, replaced by the pseudonym.</summary>
    public JsonNode? Scrub(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(property => KeyValuePair.Create(property.Key, Scrub(property.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Scrub)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Scrub(text)),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// The text with every identifier replaced by the pseudonym, as a whole word only ("Ada" in "Ada said", never in
    /// "Canada"), also in JSON-escaped form, for text holding JSON (a queued card).
    /// </summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var identifier in Identifiers)
        {
            foreach (var form in new[] { identifier, Escaped(identifier) }.Distinct(StringComparer.Ordinal))
            {
                text = Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(form)}(?![\p{{L}}\p{{N}}])", Pseudonym, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        return text;
    }

    private static string Escaped(string identifier) => JsonSerializer.Serialize(identifier)[1..^1];

    private static bool IsIdentifying(string property) =>
        property.EndsWith("name", StringComparison.OrdinalIgnoreCase)
        || property.EndsWith("email", StringComparison.OrdinalIgnoreCase)
        || property.EndsWith("userId", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Finds a person's object id from their email in stored records (for the admin tool's <c>--person name@...</c>).</summary>
internal static class EmailLookup
{
    /// <summary>The object id stored beside <paramref name="email"/> in any object of <paramref name="node"/>, or null.</summary>
    public static string? ObjectIdBeside(JsonNode? node, string email)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Any(property => property.Key.EndsWith("email", StringComparison.OrdinalIgnoreCase) && property.Value is JsonValue value && value.TryGetValue<string>(out var text) && string.Equals(text, email, StringComparison.OrdinalIgnoreCase))
                    && obj.FirstOrDefault(property => property.Key.EndsWith("AadObjectId", StringComparison.OrdinalIgnoreCase)).Value is JsonValue id && id.TryGetValue<string>(out var objectId) && !string.IsNullOrWhiteSpace(objectId))
                {
                    return objectId;
                }

                return obj.Select(property => ObjectIdBeside(property.Value, email)).FirstOrDefault(found => found is not null);
            case JsonArray array:
                return array.Select(item => ObjectIdBeside(item, email)).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }
}
