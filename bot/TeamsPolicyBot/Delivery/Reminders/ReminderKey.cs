namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>
/// The keys of one kind of reminder about a record: "incident/INC-2026-0007/acknowledge" is
/// <c>new ReminderKey("incident/", "/acknowledge").For("INC-2026-0007")</c>. A handler sees every key
/// (see <see cref="IReminderHandler"/>) and uses <see cref="ReferenceIn"/> to pick out its own.
/// </summary>
internal sealed record ReminderKey(string Prefix, string Suffix)
{
    public string For(string reference) => Prefix + reference + Suffix;

    /// <summary>The record's reference, or null when the key is another kind of reminder.</summary>
    public string? ReferenceIn(string key) =>
        key.Length > Prefix.Length + Suffix.Length && key.StartsWith(Prefix, StringComparison.Ordinal) && key.EndsWith(Suffix, StringComparison.Ordinal)
            ? key[Prefix.Length..^Suffix.Length]
            : null;
}
