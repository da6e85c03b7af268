using System.Text.Json.Nodes;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.DataProtection;

/// <summary>
/// One kind of record, as a person's data (policy 5.4, UK GDPR rights of access and erasure): which records name a
/// person and in what role, every row of one record for a copy, and the person's identity taken out of one. Each workflow
/// implements it in its own folder, beside its <see cref="Retention.IRetentionParticipant"/> (the same class), and
/// <see cref="PersonalData"/> knows nothing about any workflow beyond this.
/// </summary>
/// <remarks>
/// Only the requester has an index (My requests, partitioned by person); every other role (administrator, approver,
/// case handler, line manager, note author...) is found by reading the kind's one partition. A university has hundreds of
/// records a year, so a read is a second or two: fine for the data protection officer's tool and for "my data", which a
/// person asks for rarely; a bigger store would need an index per role.
/// </remarks>
internal interface IPersonalDataParticipant
{
    /// <summary>The kind's name, as in the retention audit row ("Incidents").</summary>
    string Kind { get; }

    /// <summary>
    /// The records that name <paramref name="objectId"/>, with their role(s). <paramref name="deep"/>: also read each
    /// record's moved-out rows (older history, notes, messages) for a name found only there; the admin tool does, "my data"
    /// does not (the roles that matter sit on the record itself).
    /// </summary>
    IAsyncEnumerable<PersonalRecord> FindAsync(string objectId, RetentionOptions schedule, bool deep, CancellationToken cancellationToken);

    /// <summary>The record's full content, with its whole audit trail (moved-out rows included); null when it is gone.</summary>
    Task<JsonObject?> ExportAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces everything in the record that identifies the person (object id, Teams id, name, email, also inside typed
    /// text) with <see cref="PersonIdentity.Pseudonym"/>, in the record and its moved-out rows, and drops the record from
    /// their My requests. The record itself stays: the schedule keeps it (see <see cref="ErasedRecord.Why"/>).
    /// </summary>
    Task<ErasedRecord?> EraseAsync(string reference, PersonIdentity person, RetentionOptions schedule, CancellationToken cancellationToken);

    /// <summary>The object id of someone the kind's records name by <paramref name="email"/>, or null.</summary>
    Task<string?> ObjectIdOfEmailAsync(string email, CancellationToken cancellationToken);
}

/// <summary>A record that names the person: what a "my data" card and the export's index show. No typed text.</summary>
/// <param name="KindName">In words: "Incident report".</param>
/// <param name="DeleteOn">When the sweep deletes it; null while it has not ended (<paramref name="KeptWhile"/> says how long then).</param>
internal sealed record PersonalRecord(string Reference, string Kind, string KindName, IReadOnlyList<string> Roles, string Status, DateTimeOffset? DeleteOn, string KeptWhile);

/// <summary>What erasure did to one record: kept with a pseudonym, and why it is kept.</summary>
internal sealed record ErasedRecord(string Reference, string Kind, IReadOnlyList<string> Roles, string Why);
