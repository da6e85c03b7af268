using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// A normal support referral no case handler has taken by 80% of <c>Targets:TakeSupportReferralWithin</c>: its channel
/// thread is reminded once, by reference and times only (see <see cref="TargetReminder{TRecord}"/>): nothing the person
/// typed, no name. Urgent ones have their own reminder (<see cref="UntakenReferralReminder"/>); withdrawn, closed or
/// taken meanwhile, nothing is said.
/// </summary>
internal sealed class ReferralTargetReminder(ISupportReferrals referrals, IProactiveMessenger messenger, IOptions<TargetsOptions> targets, TimeProvider time)
    : TargetReminder<SupportReferral>(TakeInTime, referrals, messenger, time)
{
    private static readonly ReminderKind TakeInTime = new("support", "take-target");

    public static ReminderKey Key(SupportReferral referral) => TakeInTime.For(referral.Reference);

    protected override string Target => "take it";

    protected override TimeSpan Within => targets.Value.TakeSupportReferralWithin;

    protected override WaitingRecord? StillWaiting(SupportReferral referral, ReminderKey key) =>
        referral is { Status: ReferralStatus.New, IsUrgent: false } ? new(referral.Reference, referral.ChannelCard, referral.CreatedAt) : null;
}
