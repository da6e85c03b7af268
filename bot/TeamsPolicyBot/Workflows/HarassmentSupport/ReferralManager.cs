namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The line manager the person confirmed: found in the directory (an object id, so the bot can message
/// them), or given by the person: picked (an object id) or typed (an email only: the case handlers follow up).
/// </summary>
internal sealed record ReferralManager(string? AadObjectId, string? Name, string? Email, bool TypedByPerson)
{
    /// <summary>
    /// Nobody asked for: the person chose to talk to a case handler first, or said their manager is involved. A "talk
    /// first" request gets its manager from the directory when the case handler tells them (see <see cref="SupportManagerTelling"/>).
    /// </summary>
    public static ReferralManager NotAsked { get; } = new(null, null, null, TypedByPerson: false);

    public string Label => Name ?? Email ?? (TypedByPerson ? "the line manager they chose" : "the line manager the staff directory lists");
}
