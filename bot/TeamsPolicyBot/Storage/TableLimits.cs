using System.Globalization;
using System.Reflection;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// Azure Table Storage's limits, checked in code before any storage call, because Azurite (what
/// the tests and local runs use) does not enforce them: a key of at most 1 KiB without
/// <c>/ \ # ?</c> or control characters, a property of at most 64 KiB, an entity of at most 1 MiB
/// and 252 properties of its own. Sizes are counted as Azure counts them (strings in UTF-16).
/// A key that breaks them is a <see cref="MalformedKeyException"/> (it came from outside: a card,
/// an activity); an entity that breaks them is an <see cref="EntityTooLargeException"/>.
/// </summary>
internal static class TableLimits
{
    public const int MaxKeyBytes = 1024;
    public const int MaxPropertyBytes = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxProperties = 252;

    /// <summary>The key itself (what is sent), or <see cref="MalformedKeyException"/> naming what is wrong, never the key.</summary>
    public static string Key(string? key, string what) =>
        IsKey(key)
            ? key!
            : throw new MalformedKeyException(string.Create(CultureInfo.InvariantCulture, $"The {what} is empty, longer than {MaxKeyBytes} bytes, or holds a character Table Storage refuses in keys (/ \\ # ? or a control character)."));

    /// <summary>Whether Table Storage would accept this as a key (for look-ups, where a key it would refuse simply finds nothing).</summary>
    public static bool IsKey(string? key) => !string.IsNullOrEmpty(key) && key.Length * 2 <= MaxKeyBytes && !key.Any(IsForbiddenInKey);

    /// <summary>Characters Table Storage refuses in PartitionKey and RowKey.</summary>
    public static bool IsForbiddenInKey(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);

    /// <summary>The entity itself, after checking its keys and sizes; <see cref="EntityTooLargeException"/> when it would not fit.</summary>
    public static T Entity<T>(T entity, string table)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        Key(entity.PartitionKey, "partition key");
        Key(entity.RowKey, "row key");

        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
        var count = 0;
        foreach (var (name, value) in Properties(entity))
        {
            if (value is null)
            {
                continue;
            }

            count++;
            var bytes = ValueBytes(value);
            if (bytes > MaxPropertyBytes)
            {
                throw new EntityTooLargeException(string.Create(CultureInfo.InvariantCulture, $"Property {name} of a {table} row is {bytes} bytes; Table Storage allows {MaxPropertyBytes}."));
            }

            size += 8 + (name.Length * 2) + bytes;
        }

        if (count > MaxProperties)
        {
            throw new EntityTooLargeException(string.Create(CultureInfo.InvariantCulture, $"A {table} row has {count} properties; Table Storage allows {MaxProperties}."));
        }

        if (size > MaxEntityBytes)
        {
            throw new EntityTooLargeException(string.Create(CultureInfo.InvariantCulture, $"A {table} row is {size} bytes; Table Storage allows {MaxEntityBytes}."));
        }

        return entity;
    }

    private static long ValueBytes(object value) => value switch
    {
        string text => text.Length * 2L,
        byte[] binary => binary.Length,
        BinaryData data => data.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8, // long, double, DateTime(Offset), enums stored as numbers
    };

    private static IEnumerable<(string Name, object? Value)> Properties(ITableEntity entity)
    {
        if (entity is TableEntity dictionary)
        {
            return dictionary
                .Where(pair => pair.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                .Select(pair => (pair.Key, (object?)pair.Value));
        }

        return entity.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
            .Select(p => (p.Name, p.GetValue(entity)));
    }
}

/// <summary>
/// A key (a reference, a submission id, a Teams id) that cannot be what it claims to be: wrong
/// form, too long, or with characters Table Storage refuses. Thrown before any storage call. In a
/// turn such a key came from a card or an activity, so the person is told the card is out of date.
/// </summary>
public sealed class MalformedKeyException : ArgumentException
{
    public MalformedKeyException()
    {
    }

    public MalformedKeyException(string message)
        : base(message)
    {
    }

    public MalformedKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A row that would break Table Storage's size limits; thrown before the write is attempted.</summary>
public sealed class EntityTooLargeException : InvalidOperationException
{
    public EntityTooLargeException()
    {
    }

    public EntityTooLargeException(string message)
        : base(message)
    {
    }

    public EntityTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
