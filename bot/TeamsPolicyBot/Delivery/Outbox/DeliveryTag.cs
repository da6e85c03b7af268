namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// What a queued message is about, so that once it is delivered the handler of its <see cref="Kind"/> learns where it
/// landed: ("account-request", "SMA-2026-0001", "v2"). Ids only, never content: it is stored in plain sight, as
/// "kind/part/part" (the outbox's correlation), and read back by <see cref="Parse"/>.
/// </summary>
public sealed record DeliveryTag
{
    private const char Separator = '/';

    public DeliveryTag(string kind, params string[] parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(parts);
        if (kind.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A delivery tag's kind cannot contain '{Separator}'.", nameof(kind));
        }

        Kind = kind;
        Parts = parts;
    }

    public string Kind { get; }

    public IReadOnlyList<string> Parts { get; }

    /// <summary>The stored form; a part may itself contain the separator only as its last part (nothing splits it again).</summary>
    public override string ToString() => string.Join(Separator, [Kind, .. Parts]);

    /// <summary>A stored tag read back; null for none.</summary>
    public static DeliveryTag? Parse(string? stored) =>
        stored?.Split(Separator) is [{ Length: > 0 } kind, .. var parts] ? new DeliveryTag(kind, parts) : null;

    public bool Equals(DeliveryTag? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
