using Microsoft.Extensions.Options;
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
internal sealed class SupportReferralRetention(TableStorage storage, IMyRequests myRequests, IReminders reminders, IOptions<EscalationOptions>? escalation = null)
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

    protected override IEnumerable<string> RolesOf(SupportReferral record, string objectId)
    {
        if (Same(record.Person.AadObjectId, objectId))
        {
            yield return "person supported";
        }

        if (Same(record.Handler?.By.AadObjectId, objectId) || record.HandOvers.Any(handOver => Same(handOver.From.By.AadObjectId, objectId) || Same(handOver.To.AadObjectId, objectId)))
        {
            yield return "case handler";
        }

        if (Same(record.Manager.AadObjectId, objectId))
        {
            yield return "line manager";
        }

        // Not stored on the record: an urgent referral alerts the contacts configured.
        if (record.IsUrgent && escalation?.Value.ContactIds.Any(contact => Same(contact, objectId)) == true)
        {
            yield return "escalation contact (told)";
        }

        if (Same(record.Closure?.Closed.By.AadObjectId, objectId))
        {
            yield return "closed it";
        }
    }

    protected override IEnumerable<string?> PeopleIn(SupportReferral record) =>
        [record.Person.AadObjectId, record.Handler?.By.AadObjectId, record.Manager.AadObjectId, .. record.HandOvers.SelectMany(handOver => new[] { handOver.From.By.AadObjectId, handOver.To.AadObjectId })];

    protected override IEnumerable<ReminderKey> RemindersOf(SupportReferral record) => [UntakenReferralReminder.Key(record), ReferralTargetReminder.Key(record)];
}
