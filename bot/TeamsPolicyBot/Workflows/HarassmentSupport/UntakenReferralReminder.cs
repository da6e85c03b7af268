using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// An urgent referral (the person feels physically unsafe now) that no case handler has taken within
/// <c>Support:TakeWithinMinutes</c>: the case handlers and the escalation contacts are reminded in their 1:1s and
/// the channel thread gets a reply, once (see <see cref="NotTakenInTimeReminder{TRecord, TRefusal}"/>).
/// The confidentiality rule holds for all of it: the reference, "urgent", how long it has waited and where to take
/// it, and nothing the person typed nor any name (the details go only to the case handler who takes it). Taken,
/// closed or withdrawn meanwhile: nothing is said.
/// </summary>
internal sealed class UntakenReferralReminder(
    ISupportReferrals referrals,
    NotTakenInTimeNotices notices,
    ConfiguredPeople people,
    IOptions<SupportOptions> options,
    IOptions<EscalationOptions> escalation,
    IOptions<CommsOptions> comms,
    TimeProvider time) : NotTakenInTimeReminder<SupportReferral, ReferralRefusal>(TakeReminders, referrals, notices, time)
{
    private static readonly ReminderKind TakeReminders = new("support", "take");

    public static ReminderKey Key(SupportReferral referral) => TakeReminders.For(referral.Reference);

    protected override ReferralTransition RecordNotTakenInTime(SupportReferral referral, DateTimeOffset now) =>
        referral.RecordNotTakenInTime(options.Value.TakeWithinMinutes, now);

    protected override NotTakenInTimeWords Words(SupportReferral referral, DateTimeOffset now)
    {
        // How long it has really waited: the reminder may fire late (a poll interval, a restart).
        var waited = Math.Max(options.Value.TakeWithinMinutes, (int)(now - referral.CreatedAt).TotalMinutes);
        var urgent = string.Create(CultureInfo.InvariantCulture, $"**Reminder:** urgent support request {referral.Reference} (someone feels unsafe now) has waited {waited} minutes and no case handler has taken it.");
        var card = referral.ChannelCard?.ThreadUrl(new CommsChannels(comms).IdOf(CommsChannel.Support)) is { } url ? $"its card in the Comms channel ({url})" : "its card in the Comms channel";
        var toHandlers = people.CaseHandlerIds.Select(handler => new NotTakenInTimeNotice(
            handler,
            $"{urgent} Take it on {card}. The details are sent only to whoever takes it."));
        var toContacts = escalation.Value.ContactIds.Select(contact => new NotTakenInTimeNotice(
            contact,
            $"{urgent} You are told as an escalation contact: please make sure a case handler takes it on {card}."));

        // Case handlers first: someone on both lists gets the words that let them act.
        return new(referral.ChannelCard, $"{urgent} Case handlers: select **Take case** on the card above.", toHandlers.Concat(toContacts));
    }
}
