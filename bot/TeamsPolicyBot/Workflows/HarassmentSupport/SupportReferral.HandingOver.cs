using System.Collections.Immutable;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>
    /// The case handler who has the case gives it to <paramref name="to"/>, another case handler (the caller checks
    /// <c>Support:CaseHandlerIds</c>; null when the choice is not one of them). The new owner may then do everything
    /// the first did; the old one nothing more. Their click again from the same card is <see cref="ReferralRefusalKind.AlreadyApplied"/>.
    /// </summary>
    public ReferralTransition HandOver(Actor from, Actor? to, string? note, DateTimeOffset at, string? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (HandOverFromDraft(from, draftId) is { } earlier)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"You handed {Reference} over to {earlier.To.Name} {When(earlier.From.At)}.");
        }

        if (RefuseUnlessHandler(from, "hand it over") is { } refused)
        {
            return refused;
        }

        if (to is null || ObjectIds.Same(to.AadObjectId, from.AadObjectId))
        {
            return Refuse(ReferralRefusalKind.InvalidInput, "Choose one of the other case handlers to hand the case over to.");
        }

        if (IsPerson(to))
        {
            return Refuse(ReferralRefusalKind.InvalidInput, $"{to.Name} asked for this support themself, so they cannot look after it. Choose another case handler.");
        }

        var checkedNote = SupportValidator.ValidateHandOverNote(note);
        if (!checkedNote.IsValid)
        {
            return Refuse(ReferralRefusalKind.InvalidInput, checkedNote.Errors.Values.First());
        }

        var handOver = new CaseHandOver(HandOverCount + 1, new Stamp(from, at), to, checkedNote.Value.Reason, NullIfEmpty(draftId));
        return Changed(at, from, ReferralAuditActions.HandedOver, $"To {to.Name}") with
        {
            Handler = new Stamp(to, at),
            HandOvers = HandOvers.Add(handOver),
        };
    }

    /// <summary>The hand-over <paramref name="from"/> made from the card with <paramref name="draftId"/>, if it was stored already.</summary>
    public CaseHandOver? HandOverFromDraft(Actor from, string? draftId) =>
        string.IsNullOrEmpty(draftId) ? null : HandOvers.FirstOrDefault(h => h.DraftId == draftId && ObjectIds.Same(h.From.By.AadObjectId, from.AadObjectId));

    /// <summary>The hand-over by which <paramref name="handlerAadObjectId"/> last gave the case away, if the case is no longer theirs.</summary>
    public CaseHandOver? HandedAwayBy(string handlerAadObjectId) =>
        Handler is { } owner && ObjectIds.Same(owner.By.AadObjectId, handlerAadObjectId)
            ? null
            : HandOvers.LastOrDefault(h => ObjectIds.Same(h.From.By.AadObjectId, handlerAadObjectId));

    public const int CaseCardsKept = 10;

    /// <summary>A case card was delivered: where, kept (once) so it can be replaced when the case moves on; the oldest dropped past <see cref="CaseCardsKept"/>.</summary>
    public SupportReferral WithCaseCard(CaseCardLocation card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return CaseCards.Any(c => c.At == card.At) ? this : this with { CaseCards = CaseCards.Add(card).TakeLast(CaseCardsKept).ToImmutableList() };
    }
}
