using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.MessageExtensions;

/// <summary>
/// A command of the app's message extension (manifest <c>composeExtensions[0].commands</c>), found by its id. Teams
/// sends <c>composeExtension/fetchTask</c> and <c>composeExtension/submitAction</c> for an action command and
/// <c>composeExtension/query</c> for a search command; the answer is the HTTP body Teams reads (a dialog step or
/// results), so each method returns it.
/// </summary>
internal interface IMessageExtensionCommand
{
    /// <summary>The manifest's command id.</summary>
    string CommandId { get; }

    /// <summary>The invoke (<see cref="InvokeNames"/>) and its typed value, answered.</summary>
    Task<InvokeResponse> HandleAsync(ITurnContext turn, CancellationToken cancellationToken);
}
