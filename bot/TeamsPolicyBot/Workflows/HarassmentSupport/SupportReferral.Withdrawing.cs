using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>
    /// The person no longer needs support (waiting or taken, not closed). Only the person themself: a case handler
    /// closes instead. Their withdraw click again is <see cref="ReferralRefusalKind.AlreadyApplied"/>, so a retry
    /// withdraws once and says the same. The audit says whether they left a reason, never the reason.
    /// </summary>
    public ReferralTransition Withdraw(Actor person, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!ObjectIds.Same(person.AadObjectId, Person.AadObjectId))
        {
            return Refuse(ReferralRefusalKind.NotYours, "Only the person who asked for support can withdraw this request.");
        }

        switch (Status)
        {
            case ReferralStatus.Withdrawn:
                return Refuse(ReferralRefusalKind.AlreadyApplied, $"You withdrew {Reference} {When(Withdrawal!.At)}.");
            case ReferralStatus.Closed:
                return Refuse($"{Reference} is already closed{(Closure is { } closed ? " " + When(closed.Closed.At) : "")}, so there is nothing to withdraw. Type \"get support\" whenever you want to ask for support again.");
        }

        var checkedReason = SupportValidator.ValidateWithdrawalReason(reason);
        if (!checkedReason.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedReason.Errors.Values.First());
        }

        return Changed(at, person, ReferralAuditActions.Withdrawn, checkedReason.Value.Reason is null ? "No reason given" : "With a note for the case handler") with
        {
            Status = ReferralStatus.Withdrawn,
            Withdrawal = new ReferralWithdrawn(checkedReason.Value.Reason, at),
        };
    }
}
