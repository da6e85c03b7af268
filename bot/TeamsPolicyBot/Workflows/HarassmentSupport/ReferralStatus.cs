namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal enum ReferralStatus
{
    /// <summary>Asked for; no case handler has taken it yet.</summary>
    New,

    /// <summary>A case handler looks after it.</summary>
    Taken,
    Closed,

    /// <summary>The person said they no longer need support, before it was closed.</summary>
    Withdrawn,
}
