using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.DataProtection;

/// <summary>
/// A person's data across every record kind (<see cref="IPersonalDataParticipant"/>) and the delivery tables: what the bot
/// holds about them ("my data"), a copy of it (the admin tool's <c>export</c>), and its erasure (<c>erase</c>).
/// </summary>
internal sealed class PersonalData(IEnumerable<IPersonalDataParticipant> participants, TableStorage storage, IOptions<RetentionOptions> schedule, TimeProvider time)
{
    /// <summary>Every record naming the person, kind by kind, each in the order its table holds them.</summary>
    public async Task<IReadOnlyList<PersonalRecord>> FindAsync(string objectId, bool deep, CancellationToken cancellationToken)
    {
        var found = new List<PersonalRecord>();
        foreach (var participant in participants)
        {
            await foreach (var record in participant.FindAsync(objectId, schedule.Value, deep, cancellationToken).ConfigureAwait(false))
            {
                found.Add(record);
            }
        }

        return found;
    }

    /// <summary>The person's object id: <paramref name="person"/> itself, or the id stored beside it when it is an email; null when no record has that email.</summary>
    public async Task<string?> ResolveAsync(string person, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(person);
        if (!person.Contains('@', StringComparison.Ordinal))
        {
            return person.Trim();
        }

        foreach (var participant in participants)
        {
            if (await participant.ObjectIdOfEmailAsync(person.Trim(), cancellationToken).ConfigureAwait(false) is { } objectId)
            {
                return objectId;
            }
        }

        return null;
    }

    /// <summary>One JSON document: every record naming the person, with its full content and audit trail.</summary>
    public async Task<JsonObject> ExportAsync(string objectId, CancellationToken cancellationToken)
    {
        var records = new JsonArray();
        foreach (var participant in participants)
        {
            await foreach (var found in participant.FindAsync(objectId, schedule.Value, deep: true, cancellationToken).ConfigureAwait(false))
            {
                records.Add(new JsonObject
                {
                    ["reference"] = found.Reference,
                    ["kind"] = found.KindName,
                    ["roles"] = new JsonArray([.. found.Roles.Select(role => JsonValue.Create(role))]),
                    ["status"] = found.Status,
                    ["deleteOn"] = found.DeleteOn,
                    ["kept"] = found.KeptWhile,
                    ["content"] = await participant.ExportAsync(found.Reference, cancellationToken).ConfigureAwait(false),
                });
            }
        }

        return new JsonObject { ["person"] = objectId, ["exportedAt"] = time.GetUtcNow(), ["records"] = records };
    }

    /// <summary>
    /// Takes the person out of every record (kept with a pseudonym: each says why) and out of the delivery tables: their
    /// conversation references and My requests rows go; queued messages and reminders keep their place with the pseudonym.
    /// <paramref name="dryRun"/>: lists the records and writes nothing.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(PersonIdentity person, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var kept = new List<ErasedRecord>();
        foreach (var participant in participants)
        {
            var found = new List<PersonalRecord>();
            await foreach (var record in participant.FindAsync(person.ObjectId, schedule.Value, deep: true, cancellationToken).ConfigureAwait(false))
            {
                found.Add(record);
            }

            foreach (var record in found)
            {
                if (dryRun)
                {
                    kept.Add(new ErasedRecord(record.Reference, record.Kind, record.Roles, $"{record.KindName}: would be kept with a pseudonym, {record.KeptWhile}"));
                }
                else if (await participant.EraseAsync(record.Reference, person, schedule.Value, cancellationToken).ConfigureAwait(false) is { } erased)
                {
                    kept.Add(erased);
                }
            }
        }

        var deleted = 0;
        var rewritten = 0;
        foreach (var name in new[] { TableNames.ConversationReferences, TableNames.MyRequests, TableNames.Outbox, TableNames.Reminders })
        {
            var table = storage.GetTable(name);
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!Names(row, person))
                {
                    continue;
                }

                if (name is TableNames.ConversationReferences or TableNames.MyRequests)
                {
                    // How to reach them, and their own list: nothing the university must keep.
                    deleted++;
                    if (!dryRun)
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    rewritten++;
                    if (!dryRun)
                    {
                        await table.UpdateEntityAsync(Scrubbed(row, person), ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        return new ErasureReport(person.Pseudonym, kept, deleted, rewritten);
    }

    private static bool Names(TableEntity row, PersonIdentity person) =>
        person.Identifiers.Any(identifier => row.PartitionKey.Contains(identifier, StringComparison.OrdinalIgnoreCase)
            || row.RowKey.Contains(TableKey.Encode(identifier), StringComparison.OrdinalIgnoreCase)
            || row.Select(property => property.Value).OfType<string>().Any(value => person.Scrub(value) != value));

    /// <summary>
    /// The row with every identifier replaced in each text column. Left: a queued card split over chunk columns could
    /// hold a name cut across two chunks; queued messages are sent within the hour, and finished ones hold no content.
    /// </summary>
    private static TableEntity Scrubbed(TableEntity row, PersonIdentity person)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (key, value) in row)
        {
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[key] = value is string text ? person.Scrub(text) : value;
            }
        }

        return copy;
    }
}

/// <summary>What erasure did: the pseudonym, the records kept with it (and why), the rows deleted and the rows rewritten.</summary>
internal sealed record ErasureReport(string Pseudonym, IReadOnlyList<ErasedRecord> Kept, int RowsDeleted, int RowsRewritten);
