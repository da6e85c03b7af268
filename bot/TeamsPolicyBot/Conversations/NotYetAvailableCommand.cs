using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Conversations;

/// <summary>
/// Holds a workflow's place until its own folder exists, so the welcome card's buttons answer
/// honestly instead of silently falling back to the welcome card.
/// </summary>
public sealed class NotYetAvailableCommand(string verb, string description, params string[] phrases) : IBotCommand
{
    public string Verb => verb;

    public IReadOnlyCollection<string> Phrases => phrases;

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync(
            Activity.CreateMessage($"{description} through this bot is not available yet. Until it is, please contact the Communications & Engagement team directly."),
            cancellationToken);
}
