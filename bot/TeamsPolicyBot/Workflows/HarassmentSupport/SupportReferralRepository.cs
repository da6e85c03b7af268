using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed class SupportReferralRepository(TableStorage storage) : ISupportReferrals
{
    private readonly SubmittedRecordTable<SupportReferral> table = new(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout);

    public Task<SubmitResult<SupportReferral>> SubmitAsync(string submissionId, Func<CancellationToken, Task<SupportReferral>> create, CancellationToken cancellationToken = default) =>
        table.SubmitAsync(submissionId, create, cancellationToken);

    public async Task<SupportReferral?> GetBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        (await table.FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false))?.Record;

    public Task<StoredRecord<SupportReferral>?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        table.GetAsync(reference, cancellationToken);

    public Task<SaveResult> SaveAsync(SupportReferral referral, ETag expected, CancellationToken cancellationToken = default) =>
        table.SaveAsync(referral, expected, cancellationToken);
}
