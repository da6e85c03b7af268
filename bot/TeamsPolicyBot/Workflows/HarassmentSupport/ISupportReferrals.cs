using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The harassment support referrals, in their own table. Every change is conditional on the ETag it was read with.</summary>
internal interface ISupportReferrals : IRecordStore<SupportReferral, ReferralRefusal>
{
    /// <summary>The referral this submission made, if any.</summary>
    Task<SupportReferral?> GetBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default);
}
