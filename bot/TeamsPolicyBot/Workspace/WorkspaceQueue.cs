using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents.Cards;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workspace;

/// <summary>Where an item stands against its time target. Pages show it in words as well as colour.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetState>))]
internal enum TargetState
{
    OnTrack,

    /// <summary>Within the last 20% of the time allowed.</summary>
    Near,
    Past,
}

/// <summary>One piece of waiting work, as much of it as the viewer may see elsewhere (the channel card's words, never more).</summary>
internal sealed record QueueItem(
    string Reference,
    string Kind,
    string Title,
    bool Urgent,
    DateTimeOffset Since,
    string Age,
    DateTimeOffset Due,
    string Target,
    TargetState State,
    string StateText,
    string Link);

/// <summary>A kind of work the viewer may know only the amount of; small amounts are not told exactly, so nobody can be picked out.</summary>
internal sealed record QueueCount(string Kind, string Count, string Explanation);

internal sealed record QueueView(IReadOnlyList<QueueItem> Items, IReadOnlyList<QueueCount> Counts);

/// <summary>
/// The workspace's queue: account requests waiting for a decision, incidents and support referrals nobody has taken, audits
/// due or overdue, official accounts waiting for a second administrator. Each row is shown only to someone
/// <see cref="Visibility"/> gives its channel card (the shared view) away from the channel, so the queue shows nobody
/// anything they could not see on a card; support referrals are counts only.
/// </summary>
internal sealed class WorkspaceQueue(
    TableStorage storage,
    IOfficialAccounts accounts,
    Visibility visibility,
    IOptions<TargetsOptions> targets,
    IOptions<IncidentOptions> incidents,
    IOptions<SupportOptions> support,
    IOptions<AccountsOptions> register,
    CommsChannels channels,
    IOptions<BotFrameworkOptions> bot,
    TimeProvider time)
{
    /// <summary>Below this a count reads "fewer than 5": a count of one or two, with a date, could name the person.</summary>
    public const int SmallestCountShown = 5;

    public async Task<QueueView> ForAsync(WorkspaceViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var now = time.GetUtcNow();
        var who = viewer.AsRecordViewer;
        var items = new List<QueueItem>();
        var links = new WorkspaceLinks(channels, bot.Value.MicrosoftAppTenantId);

        var requests = new SubmittedRecordTable<AccountRequest>(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout);
        await foreach (var request in requests.WithStatusAsync([nameof(AccountRequestStatus.Pending)], cancellationToken).ConfigureAwait(false))
        {
            if (visibility.May(request.People(), who, RecordViews.Shared))
            {
                // A resubmitted request waits afresh from its latest version, as its target reminder does.
                items.Add(Item(request.Reference, AccountRequestIndex.Kind, request.Details.Title, urgent: false, request.SubmittedAt, targets.Value.DecideAccountRequestWithin, now, links.To(CommsChannel.AccountRequests, request.ApprovalCard)));
            }
        }

        var incidentTable = new SubmittedRecordTable<Incident>(storage.GetTable(TableNames.Incidents), IncidentRow.Layout);
        await foreach (var incident in incidentTable.WithStatusAsync([nameof(IncidentStatus.New)], cancellationToken).ConfigureAwait(false))
        {
            if (visibility.May(incident.People(), who, RecordViews.Shared))
            {
                // A confidential (harassment) incident's channel card names only its kind: so does the queue.
                var title = incident.IsConfidential ? IncidentSummary.ConfidentialKind : incident.Details.Title;
                var within = incident.IsUrgent ? TimeSpan.FromMinutes(incidents.Value.AcknowledgeWithinMinutes) : targets.Value.TakeIncidentWithin;
                items.Add(Item(incident.Reference, IncidentIndex.Kind, title, incident.IsUrgent, incident.CreatedAt, within, now, links.To(CommsChannel.Incidents, incident.TriageCard)));
            }
        }

        if (viewer.IsApprover)
        {
            foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (account.StatusAt(now, register.Value.AuditDueWithin))
                {
                    case OfficialAccountStatus.AuditDue:
                        items.Add(AuditItem(account, now, links.Channel(CommsChannel.AccountRequests)));
                        break;
                    case OfficialAccountStatus.NeedsAdministrator:
                        items.Add(AdministratorItem(account, now, links.Channel(CommsChannel.AccountRequests)));
                        break;
                }
            }
        }

        var counts = new List<QueueCount>();
        if (viewer.IsApprover || viewer.IsCaseHandler)
        {
            counts.Add(await ReferralCountAsync(now, cancellationToken).ConfigureAwait(false));
        }

        return new QueueView([.. items.OrderByDescending(item => item.State).ThenBy(item => item.Due)], counts);
    }

    private async Task<QueueCount> ReferralCountAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referrals = new SubmittedRecordTable<SupportReferral>(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout);
        var waiting = 0;
        await foreach (var _ in referrals.WithStatusAsync([nameof(ReferralStatus.New)], cancellationToken).ConfigureAwait(false))
        {
            waiting++;
        }

        // Case handlers take referrals from their own alerts and the channel card, never from here: the workspace keeps
        // support to a number (nothing of who, when or how urgent).
        var within = WaitingTime.Words(targets.Value.TakeSupportReferralWithin);
        var urgentWithin = WaitingTime.Words(TimeSpan.FromMinutes(support.Value.TakeWithinMinutes));
        return new QueueCount(
            "Support referrals waiting for a case handler",
            CountText(waiting),
            $"Case handlers take them from their alerts and the channel card. Target: taken within {within} ({urgentWithin} when urgent).");
    }

    /// <summary>"fewer than 5" below <see cref="SmallestCountShown"/>, else the number.</summary>
    public static string CountText(int count) =>
        count < SmallestCountShown ? $"fewer than {SmallestCountShown}" : count.ToString(CultureInfo.InvariantCulture);

    private QueueItem AuditItem(OfficialAccount account, DateTimeOffset now, string link)
    {
        var interval = register.Value.AuditInterval;
        var since = account.NextAuditDue - interval;
        return Item(account.SourceReference, OfficialAccountStatuses.Text(OfficialAccountStatus.AuditDue), Title(account), urgent: false, since, interval, now, link) with { Age = "due " + DateText(account.NextAuditDue) };
    }

    /// <summary>An account left with one administrator (or none), waiting since the last one left, until someone new accepts.</summary>
    private QueueItem AdministratorItem(OfficialAccount account, DateTimeOffset now, string link)
    {
        var since = account.History.LastOrDefault(entry => entry.Action == OfficialAccount.AdminActions.Left)?.At ?? now;
        return Item(account.SourceReference, OfficialAccountStatuses.Text(OfficialAccountStatus.NeedsAdministrator), Title(account), urgent: false, since, targets.Value.ReplaceAdministratorWithin, now, link);
    }

    private static string Title(OfficialAccount account) => $"{account.PlatformName} · {account.Handle} ({account.UnitName})";

    private static QueueItem Item(string reference, string kind, string title, bool urgent, DateTimeOffset since, TimeSpan within, DateTimeOffset now, string link)
    {
        var due = since + within;
        var left = due - now;
        var state = left < TimeSpan.Zero ? TargetState.Past : left <= within * WaitingTime.NearShare ? TargetState.Near : TargetState.OnTrack;
        var stateText = state switch
        {
            TargetState.Past => $"Past its target by {WaitingTime.Words(-left)}",
            TargetState.Near => $"Near its target: {WaitingTime.Words(left)} left",
            _ => $"On track: {WaitingTime.Words(left)} left",
        };
        return new QueueItem(reference, kind, title, urgent, since, WaitingTime.Words(now - since), due, $"within {WaitingTime.Words(within)} (by {DateText(due)})", state, stateText, link);
    }

    private static string DateText(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
