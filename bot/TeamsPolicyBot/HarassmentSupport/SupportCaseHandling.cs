using TeamsPolicyBot.Conversations;
using TeamsPolicyBot.Conversations.CardActions;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage.HarassmentSupport;

namespace TeamsPolicyBot.HarassmentSupport;

/// <summary>
/// "Take case" on the Comms channel card: only <c>Support:CaseHandlerIds</c>; the first one owns the case and
/// receives the details in a 1:1. The answer in the channel is the channel card again: still nothing personal.
/// </summary>
internal sealed class SupportCaseHandling(
    ISupportReferrals referrals,
    CaseHandlerPolicy policy,
    SupportCards cards,
    SupportFollowUp followUp,
    TimeProvider time) : ICardActionHandler
{
    public const string DetailsNotDelivered = "You took the case, but I cannot send you the details in a private chat yet. Open a chat with the bot (say \"hi\"), then ask another case handler or the Comms team to resend them.";

    public IReadOnlyCollection<string> Verbs { get; } = [SupportVerbs.Take];

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        if (!policy.MayHandle(actor.AadObjectId))
        {
            return InvokeResponse.Message(CaseHandlerPolicy.NotACaseHandler);
        }

        var outcome = await referrals.ApplyAsync(action.GetString(SupportFields.Reference) ?? string.Empty, r => r.Take(actor, time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } taken)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        var reach = await followUp.TakenAsync(taken, cancellationToken);
        return reach.IsQueued ? InvokeResponse.Card(cards.Channel(taken)) : InvokeResponse.Message(DetailsNotDelivered);
    }
}
