
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The harassment support referrals, in their own table. Every change is conditional on the ETag it was read with.</summary>
internal interface ISupportReferrals
{
    /// <summary>Stores the referral unless this <paramref name="submissionId"/> already made one (a retried invoke or a second click).</summary>
    Task<SubmitResult<SupportReferral>> SubmitAsync(string submissionId, Func<CancellationToken, Task<SupportReferral>> create, CancellationToken cancellationToken = default);

    /// <summary>The referral this submission made, if any.</summary>
    Task<SupportReferral?> GetBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default);

    Task<StoredRecord<SupportReferral>?> GetAsync(string reference, CancellationToken cancellationToken = default);

    Task<SaveResult> SaveAsync(SupportReferral referral, Azure.ETag expected, CancellationToken cancellationToken = default);
}
