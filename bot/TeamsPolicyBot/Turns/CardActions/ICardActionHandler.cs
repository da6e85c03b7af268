using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.CardActions;

/// <summary>Answers the Action.Execute clicks whose verbs it owns. Teams waits about 5 s for the answer.</summary>
internal interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken);
}
