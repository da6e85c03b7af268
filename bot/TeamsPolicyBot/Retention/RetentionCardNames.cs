using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Retention;

[CardTemplateNames]
internal static class RetentionCardNames
{
    /// <summary>What a purged record's Comms channel card becomes: its reference and that it was deleted, nothing else.</summary>
    public const string RecordDeleted = "shared/record-deleted";
}
