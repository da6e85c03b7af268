using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal enum ReferralRefusalKind
{
    NotAllowedInStatus,

    /// <summary>Only the case handler who took the case (or, for replies and withdrawing, the person) may do this.</summary>
    NotYours,
    InvalidInput,

    /// <summary>
    /// The very change was made before (a retried or repeated click carrying the same draft id): nothing is stored
    /// again, and the caller re-runs what follows it, in case the first attempt stopped before telling anyone.
    /// </summary>
    AlreadyApplied,

    /// <summary>A case handler may not take or work a referral they asked for themselves.</summary>
    OwnReferral,
}

internal sealed record ReferralRefusal(ReferralRefusalKind Kind, string Message) : IRefusal;

internal sealed record ReferralTransition(SupportReferral? Next, ReferralRefusal? Refusal) : Transition<SupportReferral, ReferralRefusal>(Next, Refusal);
