using System.Text.Json;
using System.Text.Json.Nodes;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// What the workflow end-to-end tests do the same way: people type in Sam's personal chat, click
/// card buttons as themselves, and watch the Comms approvals channel and Sam's chat for what the
/// bot posts or updates. Every wait is for a specific WebSocket event after a mark, never a sleep.
/// </summary>
public abstract class PlaygroundWorkflowTests(PlaygroundFixture stack)
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    protected PlaygroundFixture Stack => stack;

    protected PlaygroundClient Playground => stack.Client;

    protected PlaygroundTenant Tenant => stack.Tenant;

    protected PlaygroundPeople People => Tenant.People;

    /// <summary>Types <paramref name="text"/> in Sam's personal chat; returns the card the bot answers with.</summary>
    protected async Task<PlaygroundEvent> SayInPersonalChatAsync(string text)
    {
        var mark = Playground.Mark();
        await Playground.SendMessageAsync(Tenant.PersonalChatId, text);
        return await NextAsync(() => Playground.NextBotMessageAsync(mark, e => e.ConversationId == Tenant.PersonalChatId && e.Attachments.Count > 0, Timeout));
    }

    /// <summary>
    /// Clicks the Action.Execute with this verb on a message the bot sent, as <paramref name="person"/>, with
    /// these inputs typed. The button is the one on <paramref name="shown"/> (the card as the person sees it
    /// now), or else on the message as posted. Returns the bot's invoke response.
    /// </summary>
    protected Task<JsonElement> ClickAsync(PlaygroundEvent message, PlaygroundPerson person, string verb, JsonObject? inputs = null, JsonElement? shown = null)
    {
        var card = shown ?? Content(message);
        var title = ExecuteAction(card, verb).TryGetProperty("title", out var t) ? t.GetString() : null;
        var conversationId = message.PostConversationId ?? message.ConversationId!;
        return Playground.ExecuteAsync(conversationId, message.MessageId!, person.Id, verb, ExecuteData(card, verb, inputs), title);
    }

    /// <summary>
    /// A channel card as <paramref name="person"/> sees it: Teams asks the bot through the card's refresh action
    /// for each user listed in it, and shows everyone else the card as posted.
    /// </summary>
    protected async Task<JsonElement> RefreshedViewAsync(PlaygroundEvent channelCard, PlaygroundPerson person, string refreshVerb) =>
        CardOf(await ClickAsync(channelCard, person, refreshVerb));

    /// <summary>The next card the bot posts as a new thread in the Comms approvals channel, checked to show <paramref name="heading"/>.</summary>
    protected async Task<PlaygroundEvent> NewCommsThreadAsync(long mark, string heading)
    {
        var card = await NextAsync(() => Playground.NextBotMessageAsync(mark, e => e.ConversationId == Tenant.CommsChannelId, Timeout));
        Assert.NotNull(card.PostConversationId);
        Assert.StartsWith($"{Tenant.CommsChannelId};messageid=", card.PostConversationId, StringComparison.Ordinal);
        Assert.Contains(Texts(Content(card)), text => text.Contains(heading, StringComparison.Ordinal));
        return card;
    }

    /// <summary>The first in-place update of <paramref name="channelCard"/> after <paramref name="mark"/> that shows this text.</summary>
    protected Task<PlaygroundEvent> CardUpdateAsync(long mark, PlaygroundEvent channelCard, string text) =>
        NextAsync(() => Playground.NextBotUpdateAsync(mark, e => e.MessageId == channelCard.MessageId && Texts(Content(e)).Contains(text), Timeout));

    protected IEnumerable<PlaygroundEvent> UpdatesOf(long mark, PlaygroundEvent channelCard) =>
        Playground.BotEventsSince(mark).Where(e => e.Action == "updateMessage" && e.MessageId == channelCard.MessageId);

    /// <summary>A card about <paramref name="reference"/> in Sam's personal chat whose text starts with <paramref name="headline"/>.</summary>
    protected Task<PlaygroundEvent> PersonalCardAsync(long mark, string reference, string headline) =>
        NextAsync(() => Playground.NextBotMessageAsync(
            mark,
            e => e.ConversationId == Tenant.PersonalChatId && e.Attachments.Count > 0 && IsAbout(e, reference) &&
                 Texts(Content(e)).Any(t => t.StartsWith(headline, StringComparison.Ordinal)),
            Timeout));

    /// <summary>Whether anything the message shows or carries names <paramref name="reference"/>.</summary>
    protected static bool IsAbout(PlaygroundEvent message, string reference) =>
        message.Attachments.Count > 0 && Strings(Content(message)).Any(s => s.Contains(reference, StringComparison.Ordinal));

    /// <summary>Types "my requests" and returns the status shown beside <paramref name="reference"/>.</summary>
    protected async Task<string> MyRequestStatusAsync(string reference)
    {
        var card = Content(await SayInPersonalChatAsync("my requests"));
        Assert.Contains("My requests", Texts(card));
        var item = card.GetProperty("body").EnumerateArray().Single(element => Texts(element).Any(t => t.EndsWith($"· {reference}", StringComparison.Ordinal)));
        // Each item: title, "kind · reference", status, date.
        return Texts(item).ElementAt(2);
    }

    /// <summary>Waits, and on a timeout adds the bot's and the Playground's output to the failure.</summary>
    protected async Task<PlaygroundEvent> NextAsync(Func<Task<PlaygroundEvent>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{stack.Diagnostics()}", ex);
        }
    }
}
