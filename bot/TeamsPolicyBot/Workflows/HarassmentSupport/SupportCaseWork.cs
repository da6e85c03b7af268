using System.Globalization;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// Working a taken case, in private chats only: the case handler messages the person and the person replies
/// (relayed both ways, kept on the record), the case handler records actions and closes with an outcome, and
/// the person is told at each step. Only the case handler who took it (and, for replies, the person) may act.
/// A retried click (Teams retries an invoke it got no answer to) stores nothing twice: a message or an action
/// carries its card's draft id, a close is recognised by who closed it; what follows the stored change runs
/// again (each message keyed, so nothing is said twice) and the click gets the answer the first one would have.
/// </summary>
internal sealed class SupportCaseWork(
    ISupportReferrals referrals,
    SupportCards cards,
    PrivateCaseCards caseCards,
    SupportNotices notices,
    IProactiveMessenger messenger,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public const string NotDelivered = "Kept on the case, but the bot cannot reach them in a private chat yet. Please contact them another way.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The case card, to the case handler who has it; the person replying (also through "message", the reply box
        // on a relayed reply) sees only their own card.
        [SupportVerbs.Message] = new(RecordKind.SupportReferral, RecordViews.Working | RecordViews.Starter),
        [SupportVerbs.Reply] = new(RecordKind.SupportReferral, RecordViews.Starter),
        [SupportVerbs.RecordAction] = new(RecordKind.SupportReferral, RecordViews.Working),
        [SupportVerbs.Close] = new(RecordKind.SupportReferral, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var viewer = visibility.ViewerOf(turn);
        var now = time.GetUtcNow();
        var draftId = action.GetString(F.DraftId);
        Func<SupportReferral, ReferralTransition> transition = action.Verb switch
        {
            SupportVerbs.Message or SupportVerbs.Reply => r => r.Message(actor, action.GetString(F.Message), now, draftId),
            SupportVerbs.RecordAction => r => r.RecordAction(actor, action.GetString(F.ActionTaken), now, draftId),
            _ => r => r.Close(actor, action.GetString(F.Outcome), action.GetString(F.OutcomeNotes), now),
        };

        var outcome = await referrals.ApplyAsync(action.GetString(F.Reference) ?? string.Empty, transition, cancellationToken);
        if (outcome.Changed is { } changed)
        {
            return await FollowUpAsync(action.Verb, changed, actor, viewer, draftId, cancellationToken);
        }

        if (outcome.Current is { } current && IsRetry(action.Verb, outcome.Refusal, current, actor))
        {
            return await FollowUpAsync(action.Verb, current, actor, viewer, draftId, cancellationToken);
        }

        // An empty message or a missing outcome: the same card again, with the problem on it, to whoever may see that card
        // (the case card to the case handler who has the case; the relayed message to the person); anyone else, the problem only.
        if (outcome is { Refusal.Kind: ReferralRefusalKind.InvalidInput, Current: { } invalid })
        {
            var views = visibility.ViewsOf(invalid.People(), viewer);
            if (action.Verb != SupportVerbs.Reply && views.HasFlag(RecordViews.Working))
            {
                return InvokeResponse.Card(await caseCards.BuildAsync(invalid, outcome.RefusalMessage, cancellationToken));
            }

            if (action.Verb == SupportVerbs.Reply && views.HasFlag(RecordViews.Starter) && invalid.Messages.LastOrDefault(m => m.FromHandler) is { } handlers)
            {
                return InvokeResponse.Card(cards.Message(invalid, handlers, error: outcome.RefusalMessage));
            }
        }

        // The person withdrew it: their case handler's card turns into the withdrawn case (no more boxes), with why.
        if (outcome.Current is { Status: ReferralStatus.Withdrawn } withdrawn && visibility.May(withdrawn.People(), viewer, RecordViews.Working))
        {
            return InvokeResponse.Card(await caseCards.BuildAsync(withdrawn, outcome.RefusalMessage, cancellationToken));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }

    /// <summary>The change this click asks for is already stored: a message or action from its draft, or the case closed by them.</summary>
    private static bool IsRetry(string verb, ReferralRefusal? refusal, SupportReferral current, Actor actor) =>
        refusal?.Kind == ReferralRefusalKind.AlreadyApplied || (verb == SupportVerbs.Close && current.WasClosedBy(actor));

    /// <summary>What follows the stored change, for the change this click made (found by its draft id on a retry).</summary>
    private async Task<InvokeResponse> FollowUpAsync(string verb, SupportReferral referral, Actor actor, Viewer viewer, string? draftId, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case SupportVerbs.Message or SupportVerbs.Reply:
                var sent = referral.MessageFromDraft(actor, draftId) ?? referral.Messages[^1];
                if (!(await MessagedAsync(referral, sent, cancellationToken)).IsQueued)
                {
                    return InvokeResponse.Message(NotDelivered);
                }

                return sent.FromHandler ? await CaseCardForAsync(referral, viewer, cancellationToken) : InvokeResponse.Card(cards.Message(referral, sent, forSender: true));
            case SupportVerbs.RecordAction:
                await ActionRecordedAsync(referral, referral.ActionFromDraft(actor, draftId) ?? referral.Actions[^1], cancellationToken);
                break;
            default:
                await ClosedAsync(referral, cancellationToken);
                break;
        }

        return await CaseCardForAsync(referral, viewer, cancellationToken);
    }

    /// <summary>
    /// Relays <paramref name="message"/> to the other side: the person, or the case handler who took the case. Once per message.
    /// A reply to the case handler is kept track of like their case cards, so a hand-over replaces it too.
    /// </summary>
    private Task<PersonReach> MessagedAsync(SupportReferral referral, CaseMessage message, CancellationToken cancellationToken)
    {
        var to = message.FromHandler ? referral.Person.AadObjectId : referral.Handler!.By.AadObjectId;
        var tag = message.FromHandler ? null : PrivateCaseCards.Tag(referral, to);
        var activity = Activity.CreateMessage(attachments: cards.Message(referral, message));
        activity.Summary = message.FromHandler
            ? $"A message about your support request {referral.Reference}"
            : $"A reply on support case {referral.Reference}";
        return messenger.SendToPersonAsync(to, activity, tag, cancellationToken, SupportNotices.StepKey(referral, string.Create(CultureInfo.InvariantCulture, $"message/{message.Number}")));
    }

    private async Task ActionRecordedAsync(SupportReferral referral, CaseAction action, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        await notices.TellPersonAsync(
            referral,
            string.Create(CultureInfo.InvariantCulture, $"action/{referral.EarlierActions + referral.Actions.IndexOf(action) + 1}/notice"),
            "An update on your request",
            $"{Cards.Markdown.Escape(action.Recorded.By.Name)} recorded: {Cards.Markdown.Escape(action.Text)}",
            "accent",
            cancellationToken);
    }

    /// <summary>The case is closed: the index, the channel card, the person told. Runs again for the closer's retried click.</summary>
    private async Task ClosedAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await referrals.ShowAsync(referral, cancellationToken);
        var closed = referral.Closure!;
        var notes = closed.Notes is null ? "" : $"\n\n{Cards.Markdown.Escape(closed.Notes)}";
        await notices.TellPersonAsync(
            referral,
            "closed/notice",
            $"Your request is closed: {SupportChoices.Outcomes.TitleOf(closed.Outcome)}",
            $"{Cards.Markdown.Escape(closed.Closed.By.Name)} closed your support request.{notes}\n\nIf it starts again or you need more support, type \"get support\" at any time. The employee assistance programme and the wellbeing service are there for you too.",
            "good",
            cancellationToken);
    }

    /// <summary>The case card, to the case handler who has the case only.</summary>
    private async Task<InvokeResponse> CaseCardForAsync(SupportReferral referral, Viewer viewer, CancellationToken cancellationToken) =>
        visibility.May(referral.People(), viewer, RecordViews.Working)
            ? InvokeResponse.Card(await caseCards.BuildAsync(referral, cancellationToken: cancellationToken))
            : InvokeResponse.Message(Visibility.NotFound(RecordKind.SupportReferral));
}
