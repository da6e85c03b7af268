using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Retention;

/// <summary>
/// The retention schedule, enforced (policy 5.4): once per <c>Retention:SweepInterval</c>, on one instance at a time
/// (<see cref="RetentionLease"/>), every registered record kind's records that ended more than its period ago are deleted
/// with all their rows (their Comms channel card, where the bot can still reach it, is first replaced by a card saying
/// so), then finished delivery records, then the conversation references of people no record names who have not used
/// the bot for the longest period. Each sweep writes one audit row of counts (<see cref="RetentionAudit"/>).
/// Deleting is idempotent, so a sweep cut short is simply run again by whichever instance next finds it due.
/// </summary>
internal sealed partial class RetentionSweep(
    TableStorage storage,
    IEnumerable<IRetentionParticipant> participants,
    OutboxStore outbox,
    ReminderStore reminders,
    ConversationReferenceRepository conversations,
    IProactiveMessenger messenger,
    CardTemplates cards,
    IOptions<RetentionOptions> options,
    IOptions<CommsOptions> comms,
    IOptions<SupportOptions> support,
    IOptions<EscalationOptions> escalation,
    TimeProvider time,
    ILogger<RetentionSweep> logger)
{
    /// <summary>
    /// How long a claim holds: far longer than a sweep of a university's records takes (minutes at most), so it runs out
    /// only when the instance died, and then another takes the sweep over within the hour.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromHours(1);

    private readonly TableClient table = storage.GetTable(TableNames.Retention);

    /// <summary>Runs a sweep if one is due and nobody else is running it; returns when to look again.</summary>
    public async Task<DateTimeOffset> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await ReadLeaseAsync(now, cancellationToken).ConfigureAwait(false);
        if (lease.ClaimedUntil is { } claimed && claimed > now)
        {
            return claimed;
        }

        if (lease.NextRunAt > now)
        {
            return lease.NextRunAt;
        }

        lease.ClaimedUntil = now + ClaimDuration;
        if (!await TryReplaceAsync(lease, cancellationToken).ConfigureAwait(false))
        {
            // Another instance claimed it first: look again at once, which finds its claim.
            return now;
        }

        var deleted = await SweepAsync(now, cancellationToken).ConfigureAwait(false);
        var finished = time.GetUtcNow();
        await table.AddEntityAsync(RetentionAudit.Row(now, finished, deleted), cancellationToken).ConfigureAwait(false);
        var counts = string.Join(", ", deleted.Select(kind => $"{kind.Key} {kind.Value}"));
        LogSwept(logger, counts);

        lease.NextRunAt = now + options.Value.SweepInterval;
        lease.ClaimedUntil = null;
        lease.LastRunAt = finished;
        if (!await TryReplaceAsync(lease, cancellationToken).ConfigureAwait(false))
        {
            LogClaimLost(logger);
        }

        return lease.NextRunAt;
    }

    /// <summary>One sweep at <paramref name="now"/>; how many of each kind it deleted.</summary>
    internal async Task<IReadOnlyDictionary<string, int>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schedule = options.Value;
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        var cardsReplaced = 0;
        foreach (var participant in participants)
        {
            var ended = new List<EndedRecord>();
            await foreach (var record in participant.EndedBeforeAsync(now - participant.PeriodOf(schedule), cancellationToken).ConfigureAwait(false))
            {
                ended.Add(record);
            }

            foreach (var record in ended)
            {
                if (record.ChannelCard is { } card)
                {
                    // Queued before the rows go: a sweep cut short here queues it again under the same key, never twice.
                    await messenger.UpdateAsync(card, DeletedCard(record.Reference), cancellationToken, $"retention/{record.Reference}/channel-card").ConfigureAwait(false);
                    cardsReplaced++;
                }

                await participant.DeleteAsync(record.Reference, cancellationToken).ConfigureAwait(false);
            }

            deleted[participant.Kind] = ended.Count;
        }

        deleted["ChannelCardsReplaced"] = cardsReplaced;
        var deliveryCutoff = now - schedule.DeliveryRecords;
        deleted["OutboxEntries"] = await outbox.DeleteFinishedBeforeAsync(deliveryCutoff, cancellationToken).ConfigureAwait(false);
        deleted["Reminders"] = await reminders.DeleteFinishedBeforeAsync(deliveryCutoff, cancellationToken).ConfigureAwait(false);
        deleted["ConversationReferences"] = await conversations.DeletePeopleLastSeenBeforeAsync(now - schedule.Longest, await PeopleToKeepAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Everyone a stored record names, and everyone the settings name (they must stay reachable however quiet).</summary>
    private async Task<IReadOnlySet<string>> PeopleToKeepAsync(CancellationToken cancellationToken)
    {
        var keep = new HashSet<string>([.. comms.Value.ApproverIds, .. support.Value.CaseHandlerIds, .. escalation.Value.ContactIds], StringComparer.OrdinalIgnoreCase);
        foreach (var participant in participants)
        {
            await foreach (var person in participant.PeopleAsync(cancellationToken).ConfigureAwait(false))
            {
                keep.Add(person);
            }
        }

        return keep;
    }

    private Activity DeletedCard(string reference)
    {
        var activity = Activity.CreateMessage(attachments: cards.RenderAttachment(RetentionCardNames.RecordDeleted, new { reference }));
        activity.Summary = $"{reference}: record deleted under the retention schedule";
        return activity;
    }

    private async Task<RetentionLease> ReadLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(RetentionLease.Partition, RetentionLease.Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (found.HasValue)
        {
            return RetentionLease.FromTableEntity(found.Value!);
        }

        // A new deployment's first sweep is one interval after it starts: nothing can have reached its period sooner.
        try
        {
            await table.AddEntityAsync(new RetentionLease { NextRunAt = now + options.Value.SweepInterval }.ToTableEntity(), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Another instance made it first: theirs is read below.
        }

        return RetentionLease.FromTableEntity((await table.GetEntityAsync<TableEntity>(RetentionLease.Partition, RetentionLease.Row, cancellationToken: cancellationToken).ConfigureAwait(false)).Value);
    }

    private async Task<bool> TryReplaceAsync(RetentionLease lease, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(lease.ToTableEntity(), lease.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            lease.ETag = response.Headers.ETag ?? lease.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted: {Counts}")]
    private static partial void LogSwept(ILogger logger, string counts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep finished after its claim ran out; another instance had taken it over")]
    private static partial void LogClaimLost(ILogger logger);
}
