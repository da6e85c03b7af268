using System.Globalization;
using System.Text;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// Turns a Teams id into a safe PartitionKey/RowKey and back. Azure refuses <c>/ \ # ?</c> and
/// control characters in keys, and <c>%</c> breaks some URL-based point operations, so every
/// character outside a small safe set (letters, digits, <c>- _ . : @ ; = + ,</c>) is written as
/// <c>!XX</c> per UTF-8 byte. <c>!</c> is itself escaped, so the mapping is one-to-one and ids
/// such as <c>19:abc@thread.tacv2</c>, <c>29:1xyz</c> or <c>a:1xyz</c> stay readable.
/// </summary>
public static class TableKey
{
    private const char Escape = '!';

    public static string Encode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSafe(c))
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(value, 0, i, value.Length + 16);
            var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(value.ToCharArray(i, length)))
            {
                builder.Append(Escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>
    /// An Entra object id as a key. Object ids arrive in either case; GUIDs are written lowercase
    /// so both spellings meet on the same row or partition.
    /// </summary>
    public static string EncodeObjectId(string aadObjectId) =>
        Encode(Guid.TryParse(aadObjectId, out var id) ? id.ToString("D") : aadObjectId);

    public static string Decode(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!key.Contains(Escape, StringComparison.Ordinal))
        {
            return key;
        }

        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == Escape)
            {
                if (i + 2 >= key.Length || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new FormatException("Malformed escape in a table key.");
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes([key[i]]));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or ';' or '=' or '+' or ',';
}
