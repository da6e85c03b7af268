using System.Globalization;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The case card with the details, for the case handler who has the case and nobody else: built with the case handlers
/// it can be handed over to, sent to their 1:1 under a tag that keeps where it lands (see <see cref="SupportCaseCardDelivery"/>),
/// and replaced by one without the details once they handed the case over.
/// </summary>
internal sealed class PrivateCaseCards(IProactiveMessenger messenger, SupportCards cards, CaseHandlerChoices handOverChoices)
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of a case card with the details ("support-case", "HSR-2026-0003", the case handler's object id).</summary>
    public const string Kind = "support-case";

    /// <summary>A case card with the details, so where it lands is kept (see <see cref="SupportCaseCardDelivery"/>).</summary>
    public static DeliveryTag Tag(SupportReferral referral, string handlerAadObjectId) => new(Kind, referral.Reference, handlerAadObjectId);

    public static (string Reference, string HandlerAadObjectId)? Of(DeliveryTag? tag) =>
        tag is { Kind: Kind, Parts: [{ Length: > 0 } reference, { Length: > 0 } handler] } ? (reference, handler) : null;

    /// <summary>
    /// The case card for the case handler who has it, offering the other case handlers to hand it over to while it is
    /// taken (naming them may read the roster: not worth it for a closed or withdrawn case, whose card offers nothing).
    /// </summary>
    public async Task<Attachment> BuildAsync(SupportReferral referral, string error = "", CancellationToken cancellationToken = default) =>
        cards.Case(referral, error, referral is { Status: ReferralStatus.Taken, Handler: { } owner } ? await handOverChoices.OthersThanAsync(owner.By.AadObjectId, cancellationToken) : null);

    /// <summary>The full details, to the case handler who has the case and nobody else.</summary>
    public async Task<PersonReach> SendAsync(SupportReferral referral, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var details = Activity.CreateMessage(attachments: await BuildAsync(referral, cancellationToken: cancellationToken));
        details.Summary = $"Support case {referral.Reference}: the details";
        var handler = referral.Handler!.By.AadObjectId;
        return await messenger.SendToPersonAsync(handler, details, Tag(referral, handler), cancellationToken, idempotencyKey);
    }

    /// <summary>
    /// Replaces every case card and relayed reply <paramref name="handlerAadObjectId"/> was sent (as far as their deliveries were recorded) with one
    /// without the details, once they handed the case over; nothing while the case is theirs. Once per card and hand-over.
    /// </summary>
    public async Task ReplaceHandedAwayAsync(SupportReferral referral, string handlerAadObjectId, CancellationToken cancellationToken)
    {
        if (referral.HandedAwayBy(handlerAadObjectId) is not { } handOver)
        {
            return;
        }

        foreach (var card in referral.CaseCards.Where(c => Forms.ObjectIds.Same(c.HandlerAadObjectId, handlerAadObjectId)))
        {
            var replacement = Activity.CreateMessage(attachments: cards.HandedOver(referral, handOver));
            replacement.Summary = $"Support case {referral.Reference}: handed over";
            var step = string.Create(CultureInfo.InvariantCulture, $"handover/{handOver.Number}/replace/{card.At.ActivityId}");
            await messenger.UpdateAsync(card.At, replacement, cancellationToken, SupportNotices.StepKey(referral, step));
        }
    }
}
