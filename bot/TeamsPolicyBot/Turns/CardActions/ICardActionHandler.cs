using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.CardActions;

/// <summary>Answers the Action.Execute clicks whose verbs it owns. Teams waits about 5 s for the answer.</summary>
internal interface ICardActionHandler
{
    /// <summary>The verbs it answers, each with what its answer may show about a record.</summary>
    IReadOnlyDictionary<string, VerbRule> Verbs { get; }

    Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken);
}
