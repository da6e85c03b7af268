using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Conversations.Welcome;

/// <summary>The welcome card: what the bot is for and a button for each workflow.</summary>
internal sealed class WelcomeCommand(CardTemplates cards) : IBotCommand
{
    public string Verb => "help";

    public IReadOnlyCollection<string> Phrases { get; } = ["help", "hi", "hello", "menu", "start", "what can you do"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var isPersonal = turn.Activity.IsInPersonalChat();
        var card = cards.RenderAttachment(CardNames.Welcome, new { firstName = isPersonal ? FirstName(turn.Activity.From?.Name) : null });
        return turn.SendAsync(Activity.CreateMessage(attachments: card), cancellationToken);
    }

    /// <summary>"Ada Lovelace" → "Ada"; directory names like "Lovelace, Ada" → "Ada".</summary>
    internal static string? FirstName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var name = displayName.Contains(',', StringComparison.Ordinal) ? displayName[(displayName.IndexOf(',', StringComparison.Ordinal) + 1)..] : displayName;
        return name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
    }
}
