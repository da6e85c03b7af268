using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>One state change to a stored referral, exactly once under concurrent clicks.</summary>
internal static class SupportReferralChanges
{
    public const int Attempts = 5;

    public static Task<ChangeOutcome<SupportReferral, ReferralRefusal>> ApplyAsync(
        this ISupportReferrals referrals, string reference, Func<SupportReferral, ReferralTransition> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<SupportReferral, ReferralRefusal>.ApplyAsync(
            reference,
            referrals.GetAsync,
            referrals.SaveAsync,
            transition,
            Attempts,
            "That support request could not be found.",
            cancellationToken);
}
