namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// A kind of reminder about a record: ("incident", "acknowledge") for an incident nobody acknowledged in time. Its
/// handler declares it (<see cref="IReminderHandler.Kind"/>) and is handed only the keys of that kind.
/// </summary>
public sealed record ReminderKind
{
    public ReminderKind(string about, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(about);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (about.Contains(ReminderKey.Separator, StringComparison.Ordinal) || purpose.Contains(ReminderKey.Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A reminder kind cannot contain '{ReminderKey.Separator}'.");
        }

        About = about;
        Purpose = purpose;
    }

    /// <summary>What kind of record the reminder is about: "incident".</summary>
    public string About { get; }

    /// <summary>What is due about it: "acknowledge".</summary>
    public string Purpose { get; }

    public ReminderKey For(string reference) => new(this, reference);
}

/// <summary>
/// One reminder: its kind and the record's reference. Stored as "about/reference/purpose"
/// ("incident/INC-2026-0007/acknowledge"), the one-shot key in the reminders table, and read back by <see cref="Parse"/>.
/// </summary>
public sealed record ReminderKey
{
    internal const char Separator = '/';

    public ReminderKey(ReminderKind kind, string reference)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        Kind = kind;
        Reference = reference;
    }

    public ReminderKind Kind { get; }

    public string Reference { get; }

    public override string ToString() => string.Join(Separator, Kind.About, Reference, Kind.Purpose);

    /// <summary>A stored key read back: the first part is what it is about, the last its purpose, the rest the reference; null when it has no such three parts (no handler is given it).</summary>
    public static ReminderKey? Parse(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var afterAbout = stored.IndexOf(Separator, StringComparison.Ordinal);
        var beforePurpose = stored.LastIndexOf(Separator);
        return afterAbout > 0 && beforePurpose > afterAbout + 1 && beforePurpose < stored.Length - 1
            ? new ReminderKey(new ReminderKind(stored[..afterAbout], stored[(beforePurpose + 1)..]), stored[(afterAbout + 1)..beforePurpose])
            : null;
    }
}
