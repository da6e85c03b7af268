using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// One partition <c>referral</c>: rows <c>referral-{reference}</c> and <c>submission-{submissionId}</c>. The record is
/// JSON in <c>Record</c> (chunked); the plain columns hold nothing personal beyond object ids, for filters. Old messages,
/// actions, hand-overs and history move to child rows <c>referral-{reference}.messages.…</c> and so on (see
/// <see cref="SupportReferral.MoveOldEntries"/>), in this table like the record itself.
/// </summary>
internal static class SupportReferralRow
{
    public const string Partition = "referral";
    private const string RecordColumn = "Record";

    public static SubmittedRecordLayout<SupportReferral> Layout { get; } = new(
        Partition,
        "referral-",
        referral => referral.Reference,
        (referral, submissionId) => referral with { SubmissionId = referral.SubmissionId ?? submissionId },
        ToEntity,
        FromEntity)
    {
        MoveOldEntries = referral => referral.MoveOldEntries(),
    };

    public static TableEntity ToEntity(SupportReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var entity = new TableEntity(Partition, Layout.RecordRow(referral.Reference))
        {
            [nameof(SupportReferral.Reference)] = referral.Reference,
            [nameof(SupportReferral.Status)] = referral.Status.ToString(),
            ["Urgent"] = referral.IsUrgent,
            ["PersonAadObjectId"] = referral.Person.AadObjectId,
            ["HandlerAadObjectId"] = referral.Handler?.By.AadObjectId,
            [nameof(SupportReferral.CreatedAt)] = referral.CreatedAt,
            [nameof(SupportReferral.UpdatedAt)] = referral.UpdatedAt,
        };
        RecordColumns.WriteChunked(entity, RecordColumn, RecordColumns.ToJson(referral)!);
        return entity;
    }

    public static SupportReferral FromEntity(TableEntity entity) =>
        RecordColumns.FromJson<SupportReferral>(RecordColumns.ReadChunked(entity, RecordColumn))
        ?? throw new InvalidOperationException($"Referral row {entity.RowKey} has no record.");
}
