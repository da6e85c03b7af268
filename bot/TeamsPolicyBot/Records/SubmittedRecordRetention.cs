using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Records;

/// <summary>
/// The retention schedule for a form-made record kind (<see cref="SubmittedRecordTable{T}"/>): which records ended before a
/// cutoff, read from the plain <c>Status</c> column and the record's own end date, and every row of one record: its
/// child rows and submission claim, its My requests entry (<paramref name="entryOf"/>, the same projection the workflow
/// registers), its reminders (<paramref name="reminders"/>: null for a kind that has none), and the record last. Each workflow says when its records end and what they point to.
/// </summary>
internal abstract class SubmittedRecordRetention<T>(SubmittedRecordTable<T> table, IMyRequests myRequests, IReminders? reminders, Func<T, MyRequestItem> entryOf)
    : IRetentionParticipant, IPersonalDataParticipant
    where T : class
{
    private const int EraseAttempts = 5;

    public abstract string Kind { get; }

    public abstract TimeSpan PeriodOf(RetentionOptions options);

    /// <summary>The statuses a record of this kind ends in (closed, resolved...): the only ones ever deleted.</summary>
    protected abstract IReadOnlyCollection<string> EndedStatuses { get; }

    /// <summary>When the record ended; null when it has not (it is then never deleted).</summary>
    protected abstract DateTimeOffset? EndedAt(T record);

    protected abstract MessageLocation? ChannelCardOf(T record);

    /// <summary>Everyone the record names, by Entra object id.</summary>
    protected abstract IEnumerable<string?> PeopleIn(T record);

    /// <summary>
    /// The person's role(s) in the record, in words ("requester", "case handler", "note author"...); empty when the
    /// record names them in no role the kind knows (they are then "named in its history", found by their id anywhere in it).
    /// </summary>
    protected abstract IEnumerable<string> RolesOf(T record, string objectId);

    /// <summary>True when the stored object id is <paramref name="objectId"/> (ids are GUIDs; case never matters).</summary>
    protected static bool Same(string? stored, string objectId) => string.Equals(stored, objectId, StringComparison.OrdinalIgnoreCase);

    /// <summary>How long a record that has not ended is kept, in words.</summary>
    protected virtual string KeptWhileOpen(T record, RetentionOptions schedule) =>
        $"kept while it is open, then {Period.Words(PeriodOf(schedule))} after it ends";

    /// <summary>The reminders keyed to the record (scheduled or not: deleting a row that is not there is harmless); a kind with any passes the reminders in.</summary>
    protected virtual IEnumerable<ReminderKey> RemindersOf(T record) => [];

    public async IAsyncEnumerable<EndedRecord> EndedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in table.WithStatusAsync(EndedStatuses, cancellationToken).ConfigureAwait(false))
        {
            if (EndedAt(record) is { } ended && ended < cutoff)
            {
                yield return new EndedRecord(entryOf(record).Reference, ChannelCardOf(record));
            }
        }
    }

    /// <summary>Where the record's Comms channel card is, or null (no card, or no such record).</summary>
    public async Task<MessageLocation?> ChannelCardAsync(string reference, CancellationToken cancellationToken) =>
        await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { Record: var record } ? ChannelCardOf(record) : null;

    public async Task<int> DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if (await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { Record: var record })
        {
            var entry = entryOf(record);
            deleted += await myRequests.RemoveAsync(entry.RequesterAadObjectId, entry.CreatedAt, entry.Reference, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            foreach (var key in reminders is null ? [] : RemindersOf(record))
            {
                deleted += await reminders!.DeleteAsync(key, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return deleted + await table.DeleteAllRowsAsync(reference, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> PeopleAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in table.WithStatusAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var person in PeopleIn(record).OfType<string>())
            {
                yield return person;
            }
        }
    }

    public async IAsyncEnumerable<PersonalRecord> FindAsync(string objectId, RetentionOptions schedule, bool deep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await foreach (var record in table.WithStatusAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var roles = RolesOf(record, objectId).Distinct(StringComparer.Ordinal).ToList();
            var entry = entryOf(record);
            // Named in no role the kind knows (a line of its history, a hand-over note...): still their data.
            if (roles.Count == 0 && JsonSerializer.Serialize(record, RecordColumns.Json).Contains(objectId, StringComparison.OrdinalIgnoreCase))
            {
                roles.Add("named in its history");
            }

            if (roles.Count == 0 && deep && await ChildRowsNameAsync(entry.Reference, objectId, cancellationToken).ConfigureAwait(false))
            {
                roles.Add("named in its older history");
            }

            if (roles.Count > 0)
            {
                var deleteOn = EndedAt(record) + PeriodOf(schedule);
                yield return new PersonalRecord(entry.Reference, Kind, entry.Kind, roles, entry.Status, deleteOn, deleteOn is null ? KeptWhileOpen(record, schedule) : $"deleted {Period.Words(PeriodOf(schedule))} after it ended");
            }
        }
    }

    public async Task<JsonObject?> ExportAsync(string reference, CancellationToken cancellationToken)
    {
        if (await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { Record: var record })
        {
            return null;
        }

        var moved = new JsonObject();
        foreach (var row in await table.ChildRowsAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            var (list, entries) = ChildRows.Read(row);
            var all = moved[list] as JsonArray ?? (JsonArray)(moved[list] = new JsonArray());
            foreach (var entry in JsonNode.Parse(entries) as JsonArray ?? [])
            {
                all.Add(entry?.DeepClone());
            }
        }

        return new JsonObject
        {
            ["kind"] = Kind,
            ["reference"] = entryOf(record).Reference,
            ["record"] = JsonSerializer.SerializeToNode(record, RecordColumns.Json),
            ["earlierEntries"] = moved,
        };
    }

    public async Task<ErasedRecord?> EraseAsync(string reference, PersonIdentity person, RetentionOptions schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(schedule);
        for (var attempt = 0; attempt < EraseAttempts; attempt++)
        {
            if (await table.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return null;
            }

            var json = JsonSerializer.SerializeToNode(stored.Record, RecordColumns.Json);
            var children = await table.ChildRowsAsync(reference, cancellationToken).ConfigureAwait(false);
            var childJson = children.Select(row => JsonNode.Parse(ChildRows.Read(row).EntriesJson)).ToList();
            person.Learn(json);
            childJson.ForEach(person.Learn);
            var roles = RolesOf(stored.Record, person.ObjectId).Distinct(StringComparer.Ordinal).ToList();
            var scrubbed = person.Scrub(json).Deserialize<T>(RecordColumns.Json)!;
            if (await table.SaveAsync(scrubbed, stored.ETag, cancellationToken).ConfigureAwait(false) is SaveResult.Conflict)
            {
                continue; // someone changed it meanwhile: read it again, so their change is kept and scrubbed too
            }

            for (var i = 0; i < children.Count; i++)
            {
                await table.RewriteChildRowAsync(ChildRows.WithEntries(children[i], person.Scrub(childJson[i])!.ToJsonString(RecordColumns.Json)), cancellationToken).ConfigureAwait(false);
            }

            var entry = entryOf(stored.Record);
            if (string.Equals(entry.RequesterAadObjectId, person.ObjectId, StringComparison.OrdinalIgnoreCase))
            {
                await myRequests.RemoveAsync(entry.RequesterAadObjectId, entry.CreatedAt, entry.Reference, cancellationToken).ConfigureAwait(false);
            }

            return new ErasedRecord(entry.Reference, Kind, roles.Count > 0 ? roles : ["named in its older history"], WhyKept(stored.Record, schedule));
        }

        throw new InvalidOperationException($"{reference} kept changing while it was being erased; run erase again.");
    }

    public async Task<string?> ObjectIdOfEmailAsync(string email, CancellationToken cancellationToken)
    {
        await foreach (var record in table.WithStatusAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (EmailLookup.ObjectIdBeside(JsonSerializer.SerializeToNode(record, RecordColumns.Json), email) is { } objectId)
            {
                return objectId;
            }
        }

        return null;
    }

    /// <summary>Why the record is kept with a pseudonym rather than deleted, in words (no typed text).</summary>
    private string WhyKept(T record, RetentionOptions schedule) =>
        $"{entryOf(record).Kind}: the university must keep it as a record of what was decided (policy 5.4), {(EndedAt(record) is { } ended ? $"until {CardDates.Date(ended + PeriodOf(schedule))}" : KeptWhileOpen(record, schedule))}";

    private async Task<bool> ChildRowsNameAsync(string reference, string objectId, CancellationToken cancellationToken) =>
        (await table.ChildRowsAsync(reference, cancellationToken).ConfigureAwait(false)).Any(row => ChildRows.Read(row).EntriesJson.Contains(objectId, StringComparison.OrdinalIgnoreCase));
}
