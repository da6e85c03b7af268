using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// Account requests under the retention schedule: a rejected or withdrawn request goes <c>Retention:AccountRequests</c>
/// after that decision. An approved one is never listed here: it lives as long as its official account, whose own
/// retention deletes it (<see cref="OfficialAccounts.OfficialAccountRetention"/>). One waiting for changes is still open.
/// Its reminders are the decision-target ones, one per version (<see cref="AccountRequestTargetReminder"/>).
/// </summary>
internal sealed class AccountRequestRetention(TableStorage storage, IMyRequests myRequests, IReminders reminders)
    : SubmittedRecordRetention<AccountRequest>(new(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout), myRequests, reminders, request => request.ToMyRequestItem())
{
    public override string Kind => "AccountRequests";

    protected override IReadOnlyCollection<string> EndedStatuses { get; } = [nameof(AccountRequestStatus.Rejected), nameof(AccountRequestStatus.Withdrawn)];

    public override TimeSpan PeriodOf(RetentionOptions options) => options.AccountRequests;

    protected override DateTimeOffset? EndedAt(AccountRequest record) =>
        record is { Status: AccountRequestStatus.Rejected or AccountRequestStatus.Withdrawn, Decision: { } decision } ? decision.DecidedAt : null;

    protected override MessageLocation? ChannelCardOf(AccountRequest record) => record.ApprovalCard;

    protected override IEnumerable<string> RolesOf(AccountRequest record, string objectId)
    {
        if (Same(record.Requester.AadObjectId, objectId))
        {
            yield return "requester and first administrator";
        }

        if (Same(record.Details.SecondAdmin.AadObjectId, objectId))
        {
            yield return "second administrator";
        }

        if (Same(record.Decision?.DecidedBy.AadObjectId, objectId) && record.Decision!.Outcome != DecisionOutcome.Withdrawn)
        {
            yield return "decided it (Comms approver)";
        }

        if (record.Notes.Any(note => Same(note.Added.By.AadObjectId, objectId)))
        {
            yield return "note author (Comms)";
        }
    }

    // An approved request lives as long as its official account (OfficialAccountRetention deletes both).
    protected override string KeptWhileOpen(AccountRequest record, RetentionOptions schedule) =>
        record.Status == AccountRequestStatus.Approved ? "kept while the account is active" : base.KeptWhileOpen(record, schedule);

    protected override IEnumerable<string?> PeopleIn(AccountRequest record) =>
        [record.Requester.AadObjectId, record.Details.SecondAdmin.AadObjectId, record.Decision?.DecidedBy.AadObjectId];

    protected override IEnumerable<ReminderKey> RemindersOf(AccountRequest record) => AccountRequestTargetReminder.KeysOf(record);
}
