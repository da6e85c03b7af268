using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.Welcome;

/// <summary>The welcome card: what the bot is for and a button for each workflow.</summary>
internal sealed class WelcomeCommand(CardTemplates cards, IOptions<WelcomeOptions> options) : IBotCommand
{
    /// <summary>How many first names' cards are kept; beyond it the cache starts again (a miss just expands the template).</summary>
    internal const int CachedNames = 10_000;

    // The card depends only on the template (loaded once) and the first name, and expanding it is
    // the turn's largest CPU cost after JSON (bench/Micro: ~36 us, 43 KB a card), so each name's card is expanded once.
    private readonly ConcurrentDictionary<string, JsonElement> rendered = new(StringComparer.Ordinal);

    public string Verb => "help";

    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["help", "hi", "hello", "menu", "start", "what can you do"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync(Activity.CreateMessage(attachments: Card(turn.Activity)), cancellationToken);

    /// <summary>The welcome card for the sender of <paramref name="activity"/>: by first name in a personal chat only.</summary>
    public Attachment Card(Activity activity) =>
        Attachment.AdaptiveCard(Card(activity.IsInPersonalChat() ? FirstName(activity.From?.Name) : null));

    private JsonElement Card(string? firstName)
    {
        var key = firstName ?? "";
        if (rendered.TryGetValue(key, out var card))
        {
            return card;
        }

        if (rendered.Count >= CachedNames)
        {
            rendered.Clear();
        }

        return rendered[key] = cards.Render(SharedCardNames.Welcome, new { firstName, dialogs = options.Value.FormsInDialogs });
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
