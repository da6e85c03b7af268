using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Take case" on the Comms channel card: only <c>Support:CaseHandlerIds</c>; the first one owns the case and
/// receives the details in a 1:1. The answer in the channel is the channel card again: still nothing personal.
/// </summary>
internal sealed class SupportCaseHandling(
    ISupportReferrals referrals,
    ConfiguredPeople people,
    SupportCards cards,
    PrivateCaseCards caseCards,
    SupportNotices notices,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public const string NotACaseHandler = "Only the support case handlers can take harassment support cases. Nothing has changed.";

    public const string DetailsNotDelivered = "The case is yours, but I cannot send you the details in a private chat yet. Open a private chat with the bot (say \"hi\"), then select Take case again: the details will be sent to you there.";

    public const string DetailsSentAgain = "The case is already yours: I sent you the details again in your private chat with the bot.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // Taking answers with the channel card (nothing personal); the details go to the new owner's private chat.
        [SupportVerbs.Take] = new(RecordKind.SupportReferral, RecordViews.Shared | RecordViews.Working),
        [SupportVerbs.Refresh] = VerbRule.BestViewOf(RecordKind.SupportReferral),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        if (action.Verb == SupportVerbs.Refresh)
        {
            // Teams asks for this viewer's own view of the channel card: what the rule lets them see (the channel card holds
            // nothing personal), "Take case" only for a case handler who may take it, never the person themself.
            var stored = await referrals.GetAsync(action.GetString(SupportFields.Reference) ?? string.Empty, cancellationToken);
            if (stored?.Record is not { } referral)
            {
                return InvokeResponse.Message(Visibility.NotFound(RecordKind.SupportReferral));
            }

            var mayTake = people.IsCaseHandler(actor.AadObjectId) && !referral.IsPerson(actor);
            return visibility.BestViewOf(turn, referral.People()) switch
            {
                RecordViews.Working or RecordViews.Shared => InvokeResponse.Card(cards.Channel(referral, new ChannelCardViewer(mayTake, referral.IsTakenBy(actor)))),
                RecordViews.Starter => InvokeResponse.Card(cards.Requested(referral)),
                _ => InvokeResponse.Message(Visibility.NotFound(RecordKind.SupportReferral)),
            };
        }

        if (!people.IsCaseHandler(actor.AadObjectId))
        {
            return InvokeResponse.Message(NotACaseHandler);
        }

        var outcome = await referrals.ApplyAsync(action.GetString(SupportFields.Reference) ?? string.Empty, r => r.Take(actor, time.GetUtcNow()), cancellationToken);
        var taken = outcome.Changed;
        if (taken is null)
        {
            if (outcome.Current is not { } current || !current.IsTakenBy(actor))
            {
                return InvokeResponse.Message(outcome.RefusalMessage);
            }

            // "Send me the details again" (the details could not reach them before, or they want them again): to them only.
            if (action.GetString(SupportFields.Resend) == SupportFields.ResendDetails)
            {
                return (await SendDetailsAgainAsync(current, turn.Activity.Id, cancellationToken)).IsQueued
                    ? InvokeResponse.Message(DetailsSentAgain)
                    : InvokeResponse.Message(DetailsNotDelivered);
            }

            // Their Take again: Teams retried it, or a second click. What follows taking runs again (queued under the
            // same keys, so only what the first attempt did not get to goes out) and they get the first answer.
            taken = current;
        }

        var reach = await TakenAsync(taken, cancellationToken);
        return reach.IsQueued ? InvokeResponse.Card(cards.Channel(taken, new ChannelCardViewer(MayTake: true, TookIt: true))) : InvokeResponse.Message(DetailsNotDelivered);
    }

    /// <summary>
    /// A case handler took the case: the channel card in place, the details to them alone, the person told. Runs again
    /// for the owner's retried click (each message keyed, so only what the first attempt did not queue goes out).
    /// </summary>
    private async Task<PersonReach> TakenAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var handler = referral.Handler!.By;
        var reach = await caseCards.SendAsync(referral, SupportNotices.StepKey(referral, "taken/details"), cancellationToken);
        await notices.TellPersonAsync(
            referral,
            "taken/notice",
            "A case handler is looking after your request",
            $"{Cards.Markdown.Escape(handler.Name)} from Communications & Engagement took your request and will contact you here in Teams.",
            "good",
            cancellationToken,
            canWithdraw: true);
        return reach;
    }

    /// <summary>
    /// "Send me the details again": asked for on purpose, so sent again; <paramref name="clickId"/> (the invoke's id) keys it,
    /// so Teams retrying that one click sends it once.
    /// </summary>
    private Task<PersonReach> SendDetailsAgainAsync(SupportReferral referral, string? clickId, CancellationToken cancellationToken) =>
        caseCards.SendAsync(referral, clickId is { Length: > 0 } ? SupportNotices.StepKey(referral, "details-again/" + clickId) : null, cancellationToken);
}
