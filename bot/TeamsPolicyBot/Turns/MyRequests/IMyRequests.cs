namespace TeamsPolicyBot.Turns.MyRequests;

/// <summary>
/// One line of a person's "My requests" list, whatever the workflow.
/// <paramref name="CreatedAt"/> never changes for a record: it places the row (see <see cref="MyRequestKeys"/>).
/// </summary>
/// <param name="Kind">What sort of record, in words: "Official account request", later incidents and referrals.</param>
/// <param name="Title">A short label, e.g. "Instagram · @lshtm_malaria".</param>
/// <param name="Status">The status in words, as the list shows it.</param>
internal sealed record MyRequestItem(
    string RequesterAadObjectId,
    string Reference,
    string Kind,
    string Title,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// An index of each person's records across workflows, so "My requests" reads one partition.
/// It is a copy: the workflow's own table is the truth, and writing the same item again is
/// harmless, so a workflow upserts after every change it saves (and again on a retried submit,
/// which repairs an index write lost to a crash).
/// </summary>
internal interface IMyRequests
{
    Task UpsertAsync(MyRequestItem item, CancellationToken cancellationToken = default);

    /// <summary>Removes the record's entry from the person's list (retention); false when it was not there.</summary>
    Task<bool> RemoveAsync(string requesterAadObjectId, DateTimeOffset createdAt, string reference, CancellationToken cancellationToken = default);

    /// <summary>The person's records, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<MyRequestItem>> ListAsync(string requesterAadObjectId, int max = 50, CancellationToken cancellationToken = default);
}
