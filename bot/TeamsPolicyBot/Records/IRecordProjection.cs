namespace TeamsPolicyBot.Records;

/// <summary>
/// A place a record is shown besides its own row: the person's "My requests" entry, the Comms channel card. Brought up
/// to date by <see cref="IRecordStore{TRecord, TRefusal}.ShowAsync"/> after every change a use case makes, and
/// again whenever a use case runs its follow-up again (a replayed submission, a retried click), so showing the same state
/// twice must change nothing: an upsert, or a message queued under a key naming the state.
/// </summary>
internal interface IRecordProjection<in TRecord>
{
    Task ShowAsync(TRecord record, CancellationToken cancellationToken);
}
