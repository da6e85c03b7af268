using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Harassment support referrals under the retention schedule: a closed or withdrawn one goes
/// <c>Retention:SupportReferrals</c> after it was closed or withdrawn, with its messages, actions and hand-overs.
/// </summary>
internal sealed class SupportReferralRetention(TableStorage storage, IMyRequests myRequests, IReminders reminders)
    : SubmittedRecordRetention<SupportReferral>(new(storage.GetTable(TableNames.SupportReferrals), SupportReferralRow.Layout), myRequests, reminders, referral => referral.ToMyRequestItem())
{
    public override string Kind => "SupportReferrals";

    protected override IReadOnlyCollection<string> EndedStatuses { get; } = [nameof(ReferralStatus.Closed), nameof(ReferralStatus.Withdrawn)];

    public override TimeSpan PeriodOf(RetentionOptions options) => options.SupportReferrals;

    protected override DateTimeOffset? EndedAt(SupportReferral record) => record.Status switch
    {
        ReferralStatus.Closed => record.Closure?.Closed.At,
        ReferralStatus.Withdrawn => record.Withdrawal?.At,
        _ => null,
    };

    protected override MessageLocation? ChannelCardOf(SupportReferral record) => record.ChannelCard;

    protected override IEnumerable<string?> PeopleIn(SupportReferral record) =>
        [record.Person.AadObjectId, record.Handler?.By.AadObjectId, record.Manager.AadObjectId, .. record.HandOvers.SelectMany(handOver => new[] { handOver.From.By.AadObjectId, handOver.To.AadObjectId })];

    protected override IEnumerable<ReminderKey> RemindersOf(SupportReferral record) => [UntakenReferralReminder.Key(record)];
}
