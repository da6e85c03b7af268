using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// All rows in ONE partition: <c>request-{reference}</c> (the record) and
/// <c>submission-{submissionId}</c> (which request a form submission produced). Table Storage is
/// transactional only within a partition, and idempotent submits need the request and its claim
/// written together. A university files a few hundred requests a year, far below the ~2,000
/// operations/s Azure allows a partition; if that ever changes, partition by year.
/// </summary>
internal static class AccountRequestKeys
{
    public const string Partition = "accountrequest";

    public static SubmittedRecordLayout<TeamsPolicyBot.Workflows.AccountRequests.AccountRequest> Layout { get; } = new(
        Partition,
        "request-",
        request => request.Reference,
        (request, submissionId) => request with { SubmissionId = request.SubmissionId ?? submissionId },
        AccountRequestRow.ToEntity,
        AccountRequestRow.FromEntity)
    {
        MoveOldEntries = request => request.MoveOldEntries(),
    };

    public static string RequestRow(string reference) => Layout.RecordRow(reference);
}
