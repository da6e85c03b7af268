using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// A Comms approver adding a note for the Comms team on a pending account request. Only an approver who did not make the
/// request may; anyone else is refused and the card stays as it is. The note is kept on the request and shown only on
/// the approvers' own view of the approval card; the requester hears nothing of it. Its words are never logged.
/// </summary>
internal sealed class AccountRequestNotes(
    IAccountRequests requests,
    AccountRequestCards cards,
    ApprovalChannelCard channelCard,
    IOfficialAccounts register,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public const string NotAnApprover = "Only the Comms team can add notes to account requests. Nothing has changed.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // Answers with the approver's own working card, notes included.
        [AccountRequestVerbs.Note] = new(RecordKind.AccountRequest, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var reference = action.GetString(AccountRequestFields.Reference) ?? string.Empty;
        var stored = await requests.GetAsync(reference, cancellationToken);
        if (stored is null || !visibility.May(turn, stored.Record.People(), RecordViews.Working))
        {
            return InvokeResponse.Message(stored is null ? Visibility.NotFound(RecordKind.AccountRequest) : NotAnApprover);
        }

        var actor = turn.Actor();
        var outcome = await requests.ApplyAsync(reference, request => request.AddNote(actor, action.GetString(CommsNotes.Field), time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } noted)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        // Only the channel card changes (the requester's cards and My requests show nothing of a note).
        await channelCard.NotedAsync(noted, cancellationToken);
        var registered = await ApprovalChannelCard.RegisteredAsync(register, noted, cancellationToken);
        return InvokeResponse.Card(cards.Approval(noted, viewerMayDecide: true, registered: registered, viewerReadsNotes: true));
    }
}
