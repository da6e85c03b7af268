using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed class SupportReferralRepository(TableStorage storage)
    : RecordStore<SupportReferral, ReferralTransition, ReferralRefusal>(new SubmittedRecordTable<SupportReferral>(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout), RecordKind.SupportReferral),
      ISupportReferrals
{
    public async Task<SupportReferral?> GetBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        (await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false))?.Record;
}
