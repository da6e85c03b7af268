using System.Globalization;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Workspace;

/// <summary>One bar of a chart: its words and how many.</summary>
internal sealed record TrendCount(string Label, int Count);

/// <summary>A median wait: in words, in hours for the chart, and how many items it was taken over. Null parts: nothing to measure.</summary>
internal sealed record TrendMedian(string Text, double? Hours, int Of);

internal sealed record RequestTrends(IReadOnlyList<int> ByMonth, IReadOnlyList<TrendCount> Outcomes, TrendMedian TimeToDecision);

internal sealed record IncidentTrends(
    IReadOnlyList<int> ByMonth,
    IReadOnlyList<TrendCount> ByPlatform,
    IReadOnlyList<TrendCount> ByKind,
    IReadOnlyList<TrendCount> Outcomes,
    TrendMedian TimeToTake);

/// <summary>
/// Support referrals as the workspace may show them: a count a month, "fewer than 5" below five (never the small number),
/// and the median wait for a case handler only when at least five were taken. Nothing of who, what or how urgent.
/// </summary>
internal sealed record SupportTrends(IReadOnlyList<string> ByMonth, IReadOnlyList<int?> ByMonthShown, TrendMedian TimeToTake);

/// <summary>The last twelve months (oldest first). A part the viewer may not see is null.</summary>
internal sealed record TrendsView(IReadOnlyList<string> Months, RequestTrends? Requests, IncidentTrends? Incidents, SupportTrends? Support);

/// <summary>
/// The workspace's trends: what came in month by month over the last twelve calendar months (UTC), how it ended and how
/// long it waited. Computed on each request from the workflows' tables (one query each, bounded to the twelve months by
/// the records' <c>CreatedAt</c> column); nothing is stored or cached. Approvers see requests and incidents (they see
/// every such card in the channel); approvers and case handlers see support referrals as counts only, as in the queue.
/// </summary>
internal sealed class WorkspaceTrends(TableStorage storage, TimeProvider time)
{
    public const int Months = 12;

    /// <summary>Null when the viewer may see no trends at all (an escalation contact only).</summary>
    public async Task<TrendsView?> ForAsync(WorkspaceViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsApprover && !viewer.IsCaseHandler)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1 - Months);
        var months = Enumerable.Range(0, Months).Select(i => first.AddMonths(i).ToString("MMM yyyy", CultureInfo.InvariantCulture)).ToList();

        RequestTrends? requests = null;
        IncidentTrends? incidents = null;
        if (viewer.IsApprover)
        {
            requests = await RequestsAsync(first, cancellationToken).ConfigureAwait(false);
            incidents = await IncidentsAsync(first, cancellationToken).ConfigureAwait(false);
        }

        var support = await SupportAsync(first, cancellationToken).ConfigureAwait(false);
        return new TrendsView(months, requests, incidents, support);
    }

    private async Task<RequestTrends> RequestsAsync(DateTimeOffset first, CancellationToken cancellationToken)
    {
        var table = new SubmittedRecordTable<AccountRequest>(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout);
        var all = await ReadAsync(table, first, cancellationToken).ConfigureAwait(false);

        // Time to decision counts Comms' decisions only: a request the requester withdrew was not decided by anyone in Comms.
        var decided = all.Where(r => r.Decision is { Outcome: not DecisionOutcome.Withdrawn })
            .Select(r => r.Decision!.DecidedAt - r.CreatedAt);
        return new RequestTrends(
            ByMonth(all.Select(r => r.CreatedAt), first),
            [
                new("Waiting for a decision", all.Count(r => r.Status == AccountRequestStatus.Pending)),
                new("Approved", all.Count(r => r.Status == AccountRequestStatus.Approved)),
                new("Rejected", all.Count(r => r.Status == AccountRequestStatus.Rejected)),
                new("Sent back for changes", all.Count(r => r.Status == AccountRequestStatus.ChangesRequested)),
                new("Withdrawn", all.Count(r => r.Status == AccountRequestStatus.Withdrawn)),
            ],
            Median(decided, "decided"));
    }

    private async Task<IncidentTrends> IncidentsAsync(DateTimeOffset first, CancellationToken cancellationToken)
    {
        var table = new SubmittedRecordTable<Incident>(storage.GetTable(TableNames.Incidents), IncidentRow.Layout);
        var all = await ReadAsync(table, first, cancellationToken).ConfigureAwait(false);

        // The platform's name from the list, never what someone typed for "Other": no free text leaves the records.
        var byPlatform = all.GroupBy(i => i.Details.Platform)
            .Select(group => new TrendCount(SocialPlatforms.Choices.TitleOf(group.Key), group.Count()))
            .OrderByDescending(count => count.Count).ThenBy(count => count.Label, StringComparer.Ordinal).ToList();
        var byKind = all.GroupBy(i => i.Details.Kind)
            .Select(group => new TrendCount(KindLabel(group.Key), group.Count()))
            .OrderByDescending(count => count.Count).ThenBy(count => count.Label, StringComparer.Ordinal).ToList();
        return new IncidentTrends(
            ByMonth(all.Select(i => i.CreatedAt), first),
            byPlatform,
            byKind,
            [
                new("Not taken yet", all.Count(i => i.Status == IncidentStatus.New)),
                new("Taken, not closed", all.Count(i => i.Status == IncidentStatus.Taken)),
                new("Closed", all.Count(i => i.Status == IncidentStatus.Resolved)),

                // Escalation is a flag beside the status, so an escalated incident is counted above as well.
                new("Escalated to senior management", all.Count(i => i.Escalation is not null)),
            ],
            Median(all.Where(i => i.Owner is not null).Select(i => i.Owner!.At - i.CreatedAt), "taken"));
    }

    private async Task<SupportTrends> SupportAsync(DateTimeOffset first, CancellationToken cancellationToken)
    {
        var table = new SubmittedRecordTable<SupportReferral>(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout);
        var all = await ReadAsync(table, first, cancellationToken).ConfigureAwait(false);
        var counts = ByMonth(all.Select(r => r.CreatedAt), first);

        // Handing a case over replaces its handler's stamp; only a case never handed over still says when it was first taken.
        var taken = all.Where(r => r.Handler is not null && r.HandOvers.IsEmpty && r.EarlierHandOvers == 0)
            .Select(r => r.Handler!.At - r.CreatedAt).ToList();
        var median = taken.Count < WorkspaceQueue.SmallestCountShown
            ? new TrendMedian($"Not shown: {WorkspaceQueue.CountText(taken.Count)} referrals were taken in these months.", null, 0)
            : Median(taken, "taken");
        return new SupportTrends(
            [.. counts.Select(WorkspaceQueue.CountText)],
            [.. counts.Select(count => count < WorkspaceQueue.SmallestCountShown ? (int?)null : count)],
            median);
    }

    /// <summary>Short names for a chart's axis (the form's own titles are whole sentences).</summary>
    public static string KindLabel(IncidentKind kind) => kind switch
    {
        IncidentKind.PolicyBreach => "Policy breach",
        IncidentKind.ReputationalDamage => "Reputational damage",
        IncidentKind.CompromisedAccount => "Compromised account",
        IncidentKind.Harassment => "Harassment",
        IncidentKind.Misinformation => "Misinformation",
        IncidentKind.Impersonation => "Impersonation",
        IncidentKind.AdviceBeforePosting => "Advice before posting",
        _ => "Other",
    };

    private static async Task<List<T>> ReadAsync<T>(SubmittedRecordTable<T> table, DateTimeOffset first, CancellationToken cancellationToken)
        where T : class
    {
        var all = new List<T>();
        await foreach (var record in table.CreatedSinceAsync(first, cancellationToken).ConfigureAwait(false))
        {
            all.Add(record);
        }

        return all;
    }

    private static int[] ByMonth(IEnumerable<DateTimeOffset> created, DateTimeOffset first)
    {
        var counts = new int[Months];
        foreach (var at in created)
        {
            var utc = at.ToUniversalTime();
            var index = ((utc.Year - first.Year) * 12) + utc.Month - first.Month;
            if (index is >= 0 and < Months)
            {
                counts[index]++;
            }
        }

        return counts;
    }

    /// <summary>The middle wait (the mean of the middle two for an even number), in words and hours.</summary>
    public static TrendMedian Median(IEnumerable<TimeSpan> waits, string verb)
    {
        var sorted = waits.Where(wait => wait >= TimeSpan.Zero).Order().ToList();
        if (sorted.Count == 0)
        {
            return new TrendMedian($"None {verb} in these months.", null, 0);
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var of = sorted.Count == 1 ? "1 item" : string.Create(CultureInfo.InvariantCulture, $"{sorted.Count} items");
        return new TrendMedian($"{WaitingTime.Words(median)} (median of {of})", Math.Round(median.TotalHours, 1), sorted.Count);
    }
}
