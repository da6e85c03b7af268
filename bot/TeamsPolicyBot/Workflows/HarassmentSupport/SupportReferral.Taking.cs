using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    public const string OwnReferralRefusal = "You asked for this support yourself, so another case handler must take it. Nothing has changed.";

    /// <summary>Only <c>Support:CaseHandlerIds</c> get here (see <see cref="ConfiguredPeople"/>); the first one owns the case.</summary>
    public ReferralTransition Take(Actor handler, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Status == ReferralStatus.Closed)
        {
            return Refuse($"{Reference} is closed.");
        }

        if (Status == ReferralStatus.Withdrawn)
        {
            return Refuse($"{Reference} was withdrawn by the person {When(Withdrawal!.At)}: there is nothing to take.");
        }

        if (IsPerson(handler))
        {
            return Refuse(ReferralRefusalKind.OwnReferral, OwnReferralRefusal);
        }

        if (Handler is { } owner)
        {
            return ObjectIds.Same(owner.By.AadObjectId, handler.AadObjectId)
                ? Refuse($"You already took {Reference} {When(owner.At)}.")
                : Refuse($"{Reference} was already taken by {owner.By.Name} {When(owner.At)}.");
        }

        return Changed(at, handler, ReferralAuditActions.Taken, null) with { Status = ReferralStatus.Taken, Handler = new Stamp(handler, at) };
    }

    /// <summary>The case is open and <paramref name="actor"/> took it: their Take click again is a retry or a request for the details.</summary>
    public bool IsTakenBy(Actor actor) => Status == ReferralStatus.Taken && IsHandler(actor);
}
