using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;

namespace TeamsPolicyBot.Retention;

/// <summary>
/// One kind of record under the retention schedule (policy 5.4). Each workflow implements it in its own folder and
/// registers it; the sweep knows nothing about any workflow beyond this. The two questions are also what an export or
/// erase tool needs: which records, and every row of one record.
/// </summary>
internal interface IRetentionParticipant
{
    /// <summary>The kind's name in the sweep's audit row, e.g. "SupportReferrals" (a column name: letters only).</summary>
    string Kind { get; }

    /// <summary>How long this kind is kept after it ended (one of the <see cref="RetentionOptions"/> periods).</summary>
    TimeSpan PeriodOf(RetentionOptions options);

    /// <summary>
    /// The records that ended (closed, resolved, rejected, withdrawn) before <paramref name="cutoff"/>. An open record
    /// never ended, so it is never listed.
    /// </summary>
    IAsyncEnumerable<EndedRecord> EndedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every row of the record: its child rows, its submission claim, its index rows (My requests), the reminders
    /// keyed to it, and the record itself last, so a sweep cut short finds it again next time. Idempotent: rows already
    /// gone are skipped. Returns how many rows it deleted.
    /// </summary>
    Task<int> DeleteAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The Entra object ids of everyone named in a record still stored (their conversation references stay).</summary>
    IAsyncEnumerable<string> PeopleAsync(CancellationToken cancellationToken);
}

/// <summary>A record past its period: its reference, and where its Comms channel card is, if it has one.</summary>
internal sealed record EndedRecord(string Reference, MessageLocation? ChannelCard);
