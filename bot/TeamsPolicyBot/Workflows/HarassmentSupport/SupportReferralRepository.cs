using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <param name="projections">Where the records are shown besides their rows (none for a table on its own, as in storage tests).</param>
internal sealed class SupportReferralRepository(TableStorage storage, IEnumerable<IRecordProjection<SupportReferral>>? projections = null)
    : RecordStore<SupportReferral, ReferralRefusal>(new SubmittedRecordTable<SupportReferral>(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout), RecordKind.SupportReferral, projections ?? []),
      ISupportReferrals
{
    public async Task<SupportReferral?> GetBySubmissionAsync(string submissionId, CancellationToken cancellationToken = default) =>
        (await FindBySubmissionAsync(submissionId, cancellationToken).ConfigureAwait(false))?.Record;
}
