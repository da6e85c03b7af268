namespace TeamsPolicyBot.Records;

/// <summary>
/// One line of a record's history: who did what, when. Every workflow appends these and never
/// edits or removes them, so the trail answers "who decided this" long after the cards are gone.
/// </summary>
/// <param name="Action">A short verb phrase, stable for filtering (e.g. "Approved").</param>
/// <param name="Detail">What people need to understand the action (a reason, a message, a version).</param>
internal sealed record AuditEntry(DateTimeOffset At, string ActorAadObjectId, string ActorName, string Action, string? Detail = null)
{
    /// <summary>The actor's name on the bot's own entries (a reminder sent, a manager told); their actor id is empty.</summary>
    public const string SystemName = "Social Media Desk";
}
