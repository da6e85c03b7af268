using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// Comms approvers deciding in the channel: approve, reject with a reason, or ask for changes.
/// Only the configured approvers may decide, never on their own request; anyone else is told so
/// and the card stays as it is.
/// </summary>
internal sealed class AccountRequestDecisions(
    IAccountRequests requests,
    ApprovalPolicy policy,
    AccountRequestCards cards,
    AccountRequestFollowUp followUp,
    IOfficialAccounts register,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // Deciding answers with the working card, to approvers only.
        [AccountRequestVerbs.Approve] = new(RecordKind.AccountRequest, RecordViews.Working),
        [AccountRequestVerbs.Reject] = new(RecordKind.AccountRequest, RecordViews.Working),
        [AccountRequestVerbs.RequestChanges] = new(RecordKind.AccountRequest, RecordViews.Working),
        [AccountRequestVerbs.Refresh] = VerbRule.BestViewOf(RecordKind.AccountRequest),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var reference = action.GetString("reference") ?? string.Empty;
        if (await requests.GetAsync(reference, cancellationToken) is not { } stored)
        {
            return InvokeResponse.Message(Visibility.NotFound(RecordKind.AccountRequest));
        }

        var actor = turn.Actor();
        var permission = policy.CanDecide(actor.AadObjectId, stored.Record);
        if (action.Verb == AccountRequestVerbs.Refresh)
        {
            // Teams asks for this viewer's own view of the channel card: what the rule lets them see, never more.
            return visibility.BestViewOf(turn, stored.Record.People()) switch
            {
                RecordViews.Working => InvokeResponse.Card(cards.Approval(stored.Record, permission.IsAllowed, registered: await ApprovalChannelCard.RegisteredAsync(register, stored.Record, cancellationToken), viewerReadsNotes: visibility.MayReadCommsNotes(turn, stored.Record.People()))),
                RecordViews.Shared => InvokeResponse.Card(cards.Approval(stored.Record, viewerMayDecide: false, registered: await ApprovalChannelCard.RegisteredAsync(register, stored.Record, cancellationToken))),
                RecordViews.Starter => InvokeResponse.Card(cards.Submitted(stored.Record)),
                _ => InvokeResponse.Message(Visibility.NotFound(RecordKind.AccountRequest)),
            };
        }

        if (!permission.IsAllowed)
        {
            return InvokeResponse.Message(permission.Message!);
        }

        if (Decision(action, actor) is not { } decide)
        {
            return InvokeResponse.Message("Choose a reason for rejecting the request, then select Reject again.");
        }

        var outcome = await requests.ApplyAsync(stored, reference, decide, cancellationToken);
        if (outcome.Changed is not { } decided)
        {
            // Already decided: make sure what follows a decision did happen (see AccountRequestFollowUp.RepairAsync).
            if (outcome.Current is { } current)
            {
                await followUp.RepairAsync(current, cancellationToken);
            }

            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await followUp.DecidedAsync(decided, cancellationToken);
        return InvokeResponse.Card(cards.Approval(decided, viewerMayDecide: true, viewerReadsNotes: true));
    }

    private Func<AccountRequest, TransitionResult>? Decision(CardAction action, Actor actor)
    {
        var now = time.GetUtcNow();
        var cardVersion = action.GetInt32("version");
        switch (action.Verb)
        {
            case AccountRequestVerbs.Approve:
                return request => request.Approve(actor, now, cardVersion);
            case AccountRequestVerbs.RequestChanges:
                var message = action.GetString(AccountRequestFields.ChangesMessage);
                return request => request.RequestChanges(actor, message, now, cardVersion);
            default:
                if (!AccountRequestChoices.RejectReasons.TryParse(action.GetString(AccountRequestFields.RejectReason), out var reason))
                {
                    return null;
                }

                var details = action.GetString(AccountRequestFields.RejectDetails);
                return request => request.Reject(actor, reason, details, now, cardVersion);
        }
    }
}
