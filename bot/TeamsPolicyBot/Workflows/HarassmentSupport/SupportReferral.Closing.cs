using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    public ReferralTransition Close(Actor handler, string? outcome, string? notes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "close it") is { } refused)
        {
            return refused;
        }

        var checkedInput = SupportValidator.ValidateClosure(outcome, notes);
        if (!checkedInput.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedInput.Errors.Values.First());
        }

        return Changed(at, handler, ReferralAuditActions.Closed, SupportChoices.Outcomes.TitleOf(checkedInput.Value.Outcome)) with
        {
            Status = ReferralStatus.Closed,
            Closure = new ReferralClosed(checkedInput.Value.Outcome, checkedInput.Value.Notes, new Stamp(handler, at)),
        };
    }

    /// <summary>Closed by <paramref name="actor"/>: their close click again is a retry, not a refusal.</summary>
    public bool WasClosedBy(Actor actor) => Closure is { } closed && ObjectIds.Same(closed.Closed.By.AadObjectId, actor.AadObjectId);
}
