using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>The case handler who took the case writes to the person, or the person replies; kept on the record.</summary>
    /// <param name="draftId">The id on the card it was typed on: a second message with it is a retried click (<see cref="ReferralRefusalKind.AlreadyApplied"/>).</param>
    public ReferralTransition Message(Actor from, string? text, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        var fromPerson = ObjectIds.Same(from.AadObjectId, Person.AadObjectId);
        if (RefuseUnlessOpenAndTaken(from) is { } refused)
        {
            return refused;
        }

        if (!fromPerson && !IsHandler(from))
        {
            return Refuse(ReferralRefusalKind.NotYours, $"Only {Handler!.By.Name}, who looks after {Reference}, can message the person about it.");
        }

        if (MessageFromDraft(from, draftId) is { } sent)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"Message {sent.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} on {Reference} was already sent.");
        }

        var checkedText = SupportValidator.ValidateMessage(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        var message = new CaseMessage(MessageCount + 1, from, !fromPerson, checkedText.Value, at, NullIfEmpty(draftId));
        var action = fromPerson ? ReferralAuditActions.MessageFromPerson : ReferralAuditActions.MessageToPerson;
        return Changed(at, from, action, $"Message {message.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}") with { Messages = Messages.Add(message) };
    }

    /// <param name="draftId">As for <see cref="Message"/>: a second action with it is a retried click.</param>
    public ReferralTransition RecordAction(Actor handler, string? text, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefuseUnlessHandler(handler, "record actions on it") is { } refused)
        {
            return refused;
        }

        if (ActionFromDraft(handler, draftId) is not null)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"That action on {Reference} was already recorded.");
        }

        var checkedText = SupportValidator.ValidateAction(text);
        if (!checkedText.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedText.Errors.Values.First());
        }

        return Changed(at, handler, ReferralAuditActions.ActionRecorded, $"Action {(ActionCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}") with
        {
            Actions = Actions.Add(new CaseAction(checkedText.Value, new Stamp(handler, at), NullIfEmpty(draftId))),
        };
    }

    /// <summary>The message <paramref name="from"/> sent from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseMessage? MessageFromDraft(Actor from, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : Messages.FirstOrDefault(m => m.DraftId == draftId && ObjectIds.Same(m.From.AadObjectId, from.AadObjectId));

    /// <summary>The action <paramref name="by"/> recorded from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseAction? ActionFromDraft(Actor by, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : Actions.FirstOrDefault(a => a.DraftId == draftId && ObjectIds.Same(a.Recorded.By.AadObjectId, by.AadObjectId));
}
