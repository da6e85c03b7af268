using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The referral's card in the Comms channel (reference, urgency, status and the case handler's name; nothing personal):
/// posted once as a new thread, then replaced for everyone after every change (a projection of the referral), once
/// <see cref="SupportChannelCardDelivery"/> has recorded where it landed.
/// </summary>
internal sealed class ReferralChannelCard(IProactiveMessenger messenger, SupportCards cards, ConfiguredPeople people, TeamsMembers members) : IRecordProjection<SupportReferral>
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the channel card ("support", "HSR-2026-0003").</summary>
    public const string TagKind = "support";

    public static DeliveryTag Tag(SupportReferral referral) => new(TagKind, referral.Reference);

    public static string? PostedIn(DeliveryTag? tag) => tag is { Kind: TagKind, Parts: [var reference] } ? reference : null;

    /// <summary>
    /// "support/HSR-2026-0003/channel-card": names what a message is about (the request, the take, message 3, the
    /// close), so a step that runs again (a replayed submission, a retried click) queues nothing twice. Keyed by
    /// the event rather than the record's history length: telling the manager adds to the history, and a replay
    /// must still find the keys the first attempt used.
    /// </summary>
    public static string StepKey(SupportReferral referral, string step) => $"{TagKind}/{referral.Reference}/{step}";

    /// <summary>The new thread, unless its delivery was already recorded (a replay after the card landed).</summary>
    public async Task PostAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        if (referral.ChannelCard is null)
        {
            var card = await CardAsync(referral, $"{(referral.IsUrgent ? "URGENT support request" : "Support request")} {referral.Reference}", cancellationToken);
            await messenger.PostToCommsChannelAsync(CommsChannel.Support, card, Tag(referral), cancellationToken, StepKey(referral, "channel-card"));
        }
    }

    /// <summary>
    /// Replaces the channel card for everyone, once we know where it is and the referral has moved on from what the posted
    /// card shows (waiting for a case handler); once per status and owner (the card shows nothing else that changes).
    /// </summary>
    public async Task ShowAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        if (referral.ChannelCard is not { } location || referral.Status == ReferralStatus.New)
        {
            return;
        }

        var activity = await CardAsync(referral, $"Support request {referral.Reference}: {SupportIndex.StatusText(referral)}", cancellationToken);
        // Keyed by status, and by hand-over too: each new owner's name replaces the card once.
        var step = referral.HandOverCount == 0
            ? $"card/{referral.Status}"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"card/{referral.Status}/handover-{referral.HandOverCount}");
        await messenger.UpdateAsync(location, activity, cancellationToken, StepKey(referral, step));
    }

    /// <summary>
    /// What the channel sees: while the case waits, the case handlers get "Take case" through the card's refresh, then
    /// the one who took it gets "Send me the details again"; everyone else sees neither (see
    /// <see cref="TeamsMembers.CardAudienceAsync"/>).
    /// </summary>
    private async Task<Activity> CardAsync(SupportReferral referral, string summary, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> mayAct = referral.Status switch
        {
            ReferralStatus.New => people.CaseHandlerIds,
            ReferralStatus.Taken => [referral.Handler!.By.AadObjectId],
            _ => [],
        };
        var audience = mayAct.Count == 0 ? CardAudience.NobodyActs : await members.CardAudienceAsync(mayAct, cancellationToken);
        var viewer = audience.EveryoneSeesActions ? ChannelCardViewer.Anyone : ChannelCardViewer.Onlooker;
        var activity = Activity.CreateMessage(attachments: cards.Channel(referral, viewer, audience.RefreshUserIds));
        activity.Summary = summary;
        return activity;
    }
}
