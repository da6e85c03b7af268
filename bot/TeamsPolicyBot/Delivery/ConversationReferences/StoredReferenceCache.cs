using System.Collections.Concurrent;

namespace TeamsPolicyBot.Delivery.ConversationReferences;

/// <summary>
/// What this instance last wrote to (or read from) a conversation-reference row, so an activity that
/// changes nothing writes nothing. It only ever skips a write whose content is identical to what this
/// instance knows to be stored; a miss (cold cache, another instance, expiry, eviction) just writes
/// again, as before. Entries expire, so a row another instance changed is rewritten within
/// <see cref="Lifetime"/> at the latest; the bound keeps memory flat with many conversations.
/// </summary>
internal sealed class StoredReferenceCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    internal const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(string Partition, string RowKey), (string Content, DateTimeOffset Until)> rows = new();

    public bool IsStored(string partition, string rowKey, string content) =>
        rows.TryGetValue((partition, rowKey), out var entry)
        && entry.Until > time.GetUtcNow()
        && string.Equals(entry.Content, content, StringComparison.Ordinal);

    public void Stored(string partition, string rowKey, string content)
    {
        if (rows.Count >= Capacity)
        {
            rows.Clear();
        }

        rows[(partition, rowKey)] = (content, time.GetUtcNow() + Lifetime);
    }

    public void Forget(string partition, string rowKey) => rows.TryRemove((partition, rowKey), out _);
}
