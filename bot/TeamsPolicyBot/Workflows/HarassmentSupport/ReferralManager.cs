namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The line manager the person confirmed: found in the directory (an object id, so the bot can message
/// them), or given by the person: picked (an object id) or typed (an email only: the case handlers follow up).
/// </summary>
internal sealed record ReferralManager(string? AadObjectId, string? Name, string? Email, bool TypedByPerson)
{
    public string Label => Name ?? Email ?? (TypedByPerson ? "the line manager they chose" : "the line manager the staff directory lists");
}
