using TeamsPolicyBot.Cards;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Tell their line manager now" on the case card of a "talk first" request: the case handler who has the case, and
/// nobody else, tells the manager what the person agreed with them, once. The notice is the one a sent request queues
/// (<see cref="SupportRequested.TellManagerAsync"/>: through the outbox, to the manager from Graph or
/// <c>Directory:Managers</c>), the step is on the history, and the person is told in their chat. A second click, from
/// a stale card or anyone else, is refused in words and leaves the card as it is; a retried click sends nothing twice.
/// </summary>
internal sealed class SupportManagerTelling(
    ISupportReferrals referrals,
    IManagerDirectory directory,
    SupportRequested requested,
    SupportNotices notices,
    PrivateCaseCards caseCards,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The case card, to the case handler who has the case only.
        [SupportVerbs.TellManager] = new(RecordKind.SupportReferral, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var reference = action.GetString(F.Reference) ?? string.Empty;
        if ((await referrals.GetAsync(reference, cancellationToken))?.Record is not { } stored)
        {
            return InvokeResponse.Message(Visibility.NotFound(RecordKind.SupportReferral));
        }

        // The request has no manager yet ("talk first" asks nobody at the check step): the directory, now. Only for the
        // case handler who may do this, so nobody else's click reads the person's manager from the directory.
        var manager = stored.Manager;
        if (manager.AadObjectId is null && stored.WaitsToTellManager && stored.IsHandler(actor) && !stored.IsPerson(actor))
        {
            var lookup = await directory.FindManagerAsync(stored.Person.AadObjectId, cancellationToken);
            if (lookup is not ManagerFound found)
            {
                var why = lookup is ManagerUnavailable ? "could not be reached just now" : "lists no line manager for them";
                return InvokeResponse.Card(await caseCards.BuildAsync(stored, $"Nothing was sent: the staff directory {why}. Ask {Markdown.Escape(stored.Person.Name)} who their line manager is and let them know yourself, or try again later.", cancellationToken));
            }

            manager = new ReferralManager(found.Manager.AadObjectId, found.Manager.DisplayName, found.Manager.Email, TypedByPerson: false);
        }

        var outcome = await referrals.ApplyAsync(reference, r => r.TellManagerNow(actor, action.GetString(F.TellManagerWith), manager, time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is { } changed)
        {
            await ToldAsync(changed, cancellationToken);
            return InvokeResponse.Card(await caseCards.BuildAsync((await referrals.GetAsync(reference, cancellationToken))?.Record ?? changed, cancellationToken: cancellationToken));
        }

        // Their own click again (Teams retried it, or a stale card): what follows runs again under the same keys, so only
        // what the first attempt did not queue goes out; the answer is the refusal, and the card stays as it is.
        if (outcome.Current is { } current && current.ManagerToldLaterBy(actor))
        {
            await ToldAsync(current, cancellationToken);
        }

        if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } invalid } && visibility.May(turn, invalid.People(), RecordViews.Working))
        {
            return InvokeResponse.Card(await caseCards.BuildAsync(invalid, outcome.RefusalMessage, cancellationToken));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }

    /// <summary>The manager's notice (once, keyed as on a sent request), the index, and the person told (once).</summary>
    private async Task ToldAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await requested.TellManagerAsync(referral, cancellationToken);
        await referrals.ShowAsync(referral, cancellationToken);
        var told = referral.ManagerToldLater!;
        var handler = Markdown.Escape(told.Told.By.Name);
        var who = referral.Manager.Name is { } name ? $"your line manager, {Markdown.Escape(name)}," : "your line manager";
        var what = told.Sharing == ManagerSharing.FullDetails
            ? "the details of your request, as you agreed"
            : "only that you asked for support, and how to support you, as you agreed. They have not been given any details";

        // The bot could not message the manager (they have never used it): the case handlers were asked to tell them
        // another way (see SupportRequested), so the person is not told it is done when it is not.
        var reached = (await referrals.GetAsync(referral.Reference, cancellationToken))?.Record.ManagerOutcome?.Action != ReferralAuditActions.ManagerNotReached;
        await notices.TellPersonAsync(
            referral,
            "manager-told-later/notice",
            reached ? "Your line manager has been told" : "Your line manager will be told",
            reached
                ? $"{handler} has now told {who} {what}."
                : $"The bot could not reach {who.TrimEnd(',')} in Teams, so {handler} will let them know another way: {what}.",
            "accent",
            cancellationToken,
            canWithdraw: referral.IsOpen);
    }
}
