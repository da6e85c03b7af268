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

    /// <summary>Types <paramref name="text"/> in Sam's personal chat; returns the card the bot answers with (an audit card falling due meanwhile is not the answer).</summary>
    protected async Task<PlaygroundEvent> SayInPersonalChatAsync(string text)
    {
        var mark = Playground.Mark();
        await Playground.SendMessageAsync(Tenant.PersonalChatId, text);
        return await NextAsync(() => Playground.NextBotMessageAsync(mark, e => e.ConversationId == Tenant.PersonalChatId && e.Attachments.Count > 0 && !IsYearlyAudit(e), Timeout));
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

    /// <summary>
    /// Whether the message is a yearly audit card: every account approved in this run is audited
    /// <see cref="PlaygroundFixture.AuditInterval"/> later, so one may reach Sam's chat while any test runs.
    /// </summary>
    protected static bool IsYearlyAudit(PlaygroundEvent message) =>
        message.Attachments.Count > 0 && Texts(Content(message)).Any(text => text.StartsWith("Yearly audit: ", StringComparison.Ordinal));

    /// <summary>What the bot posted in Sam's personal chat after <paramref name="mark"/>, but for another test's accounts' audit cards.</summary>
    protected IEnumerable<PlaygroundEvent> PersonalChatEventsSince(long mark) =>
        Playground.BotEventsSince(mark).Where(e => e.ConversationId == Tenant.PersonalChatId && !IsYearlyAudit(e));

    /// <summary>Whether anything the message shows or carries names <paramref name="reference"/>.</summary>
    protected static bool IsAbout(PlaygroundEvent message, string reference) =>
        message.Attachments.Count > 0 && Strings(Content(message)).Any(s => s.Contains(reference, StringComparison.Ordinal));

    /// <summary>Types "my requests" and returns the status shown beside <paramref name="reference"/>.</summary>
    protected async Task<string> MyRequestStatusAsync(string reference) =>
        Assert.Single(await MyRequestsAsync(), item => item.Reference == reference).Status;

    /// <summary>Types "my requests" in Sam's personal chat and returns what it lists.</summary>
    protected async Task<IReadOnlyList<MyRequestLine>> MyRequestsAsync() => MyRequests(Content(await SayInPersonalChatAsync("my requests")));

    /// <summary>Types "my requests" as <paramref name="person"/> in their 1:1 chat and returns what it lists.</summary>
    protected async Task<IReadOnlyList<MyRequestLine>> MyRequestsAsync(PlaygroundPerson person, string chatId) =>
        MyRequests((await SayInPrivateChatAsync(person, chatId, "my requests")).Card);

    /// <summary>The items of a "My requests" card, as listed.</summary>
    protected static IReadOnlyList<MyRequestLine> MyRequests(JsonElement card)
    {
        Assert.Contains("My requests", Texts(card));
        // Each item: a container with its title, "kind · reference", status, date.
        return [.. card.GetProperty("body").EnumerateArray()
            .Select(element => Texts(element).ToList())
            .Where(texts => texts.Count == 4 && texts[1].Contains(" · ", StringComparison.Ordinal))
            .Select(texts => new MyRequestLine(texts[0], texts[1][..texts[1].LastIndexOf(" · ", StringComparison.Ordinal)], texts[1][(texts[1].LastIndexOf(" · ", StringComparison.Ordinal) + 3)..], texts[2]))];
    }

    /// <summary>
    /// Installs the bot in the Comms team, as it is in any real deployment, and waits until the bot has taken the
    /// installation in: only then can it find people in the team's roster to start 1:1 chats with them (without
    /// <c>Comms:ServiceUrl</c>, which the tests cannot know when the bot starts, it learns the connector from there).
    /// </summary>
    protected async Task InstallInCommsTeamAsync()
    {
        var recorded = Stack.Recording.Read().Count;
        await Playground.InstallAsync(Tenant.CommsChannelId);
        await Stack.Recording.WaitForAsync(recorded, e => e.ToBot && e.Type == "conversationUpdate" && e.ActivityConversationId == Tenant.CommsChannelId, Timeout);
    }

    /// <summary>
    /// The next card about <paramref name="reference"/> the bot sent <paramref name="person"/> in their 1:1 chat, after the first
    /// <paramref name="recorded"/> exchanges of the events recording (and, if given, one that <paramref name="shows"/>).
    /// </summary>
    protected Task<PrivateCard> PrivateCardAsync(int recorded, PlaygroundPerson person, string reference, Func<JsonElement, bool>? shows = null) =>
        PrivateCardAsync(recorded, person, card => Strings(card).Any(s => s.Contains(reference, StringComparison.Ordinal)) && (shows is null || shows(card)));

    /// <summary>
    /// The next card the bot sent <paramref name="person"/> in a 1:1 chat that <paramref name="shows"/>, after the first
    /// <paramref name="recorded"/> exchanges of the events recording. For people who never talked to the bot, it creates that
    /// chat itself (finding them through the team roster) and then posts to it; the Playground accepts both but shows neither
    /// on its page (nor on its WebSocket), so this reads its events recording, where only the creation names the person and
    /// only the path of a later post names the chat.
    /// </summary>
    protected async Task<PrivateCard> PrivateCardAsync(int recorded, PlaygroundPerson person, Func<JsonElement, bool> shows)
    {
        ArgumentNullException.ThrowIfNull(person);
        try
        {
            return await Stack.Recording.WaitForAsync(
                all =>
                {
                    var chats = ChatsCreatedFor(all, person);
                    return all.Skip(recorded)
                        .Where(e => !e.ToBot && e.ResponseStatus is >= 200 and < 300)
                        .Select(e => PrivateCardIn(e, person, chats))
                        .FirstOrDefault(card => card is not null && shows(card.Card));
                },
                Timeout);
        }
        catch (TimeoutException ex)
        {
            var all = Stack.Recording.Read();
            var sent = all.Skip(recorded).Where(e => !e.ToBot)
                .Select(e => $"  {e.ResponseStatus} {e.Method} {e.Url} (activity in {e.ActivityConversationId}, answer {e.ResponseBody}): {(e.Activity.ValueKind == JsonValueKind.Undefined ? "" : e.Activity.GetRawText()[..Math.Min(200, e.Activity.GetRawText().Length)])}");
            throw new TimeoutException($"{ex.Message} {person.Name}'s chats: {string.Join(",", ChatsCreatedFor(all, person))}. What the bot sent since:{Environment.NewLine}{string.Join(Environment.NewLine, sent)}{Environment.NewLine}{Stack.Diagnostics()}", ex);
        }
    }

    /// <summary>
    /// <paramref name="person"/> opens their own 1:1 chat with the bot (as anyone can in Teams, though the Playground's page shows only
    /// Sam's): a chat the Playground knows, so the bot's replies in it are accepted and recorded. Returns its id.
    /// </summary>
    protected Task<string> OpenPersonalChatAsync(PlaygroundPerson person) => Playground.OpenPersonalChatAsync(person);

    /// <summary>
    /// <paramref name="person"/> types <paramref name="text"/> in their 1:1 chat <paramref name="chatId"/>: the Playground delivers the
    /// message Teams would send, verbatim; returns the card the bot answered with (read from the events recording).
    /// </summary>
    protected async Task<PrivateCard> SayInPrivateChatAsync(PlaygroundPerson person, string chatId, string text)
    {
        var message = PrivateChatActivity("message", person, chatId);
        message["text"] = text;
        message["textFormat"] = "plain";
        var id = message["id"]!.GetValue<string>();
        var recorded = Stack.Recording.Read().Count;
        await Playground.SendCustomActivityAsync(message);
        var reply = await Stack.Recording.WaitForAsync(
            recorded,
            e => !e.ToBot && e.PostedTo == chatId && e.Url!.EndsWith($"/activities/{Uri.EscapeDataString(id)}", StringComparison.Ordinal) && e.Activity.TryGetProperty("attachments", out _),
            Timeout);
        Assert.Equal(201, reply.ResponseStatus);
        var card = PrivateCardIn(reply, person, [chatId]);
        Assert.NotNull(card);
        return card;
    }

    /// <summary>
    /// Clicks a button on a card in a 1:1 chat the Playground does not show, as <paramref name="person"/>; the button is the one on
    /// <paramref name="shown"/> (the card as the person sees it now), or else on the card as sent. The Playground's invoke API refuses
    /// such a chat ("Message does not exist in the thread"), so this has it deliver the invoke Teams would send, verbatim, and reads
    /// the bot's invoke response from the events recording (written once the bot has answered).
    /// </summary>
    protected async Task<JsonElement> ClickInPrivateChatAsync(PrivateCard card, PlaygroundPerson person, string verb, JsonObject? inputs = null, JsonElement? shown = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        Assert.NotNull(card.ConversationId);
        var buttons = shown ?? card.Card;
        var invoke = PrivateChatActivity("invoke", person, card.ConversationId);
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = card.ActivityId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = ExecuteAction(buttons, verb).GetProperty("title").GetString(),
                ["verb"] = verb,
                ["data"] = ExecuteData(buttons, verb, inputs),
            },
        };
        return await InvokeVerbatimAsync(invoke);
    }

    /// <summary>
    /// Has the Playground deliver <paramref name="invoke"/> (an invoke its own API does not send, such as <c>task/fetch</c>) verbatim,
    /// and reads the bot's answer from the events recording (written once the bot has answered).
    /// </summary>
    protected async Task<JsonElement> InvokeVerbatimAsync(JsonObject invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        var id = invoke["id"]!.GetValue<string>();
        var recorded = Stack.Recording.Read().Count;
        await Playground.SendCustomActivityAsync(invoke);
        var answered = await Stack.Recording.WaitForAsync(
            recorded,
            e => e.ToBot && e.Activity.ValueKind == JsonValueKind.Object && e.Activity.TryGetProperty("id", out var i) && i.GetString() == id,
            Timeout);
        Assert.Equal(200, answered.ResponseStatus);
        return answered.ResponseBody;
    }

    /// <summary>What Teams sends the bot from <paramref name="person"/> in their 1:1 chat <paramref name="chatId"/>, with a new id.</summary>
    protected JsonObject PrivateChatActivity(string type, PlaygroundPerson person, string chatId) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = new Uri(Stack.PlaygroundUrl, "/_connector").ToString(),
        ["from"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name, ["aadObjectId"] = person.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = Tenant.Bot.Id, ["name"] = Tenant.Bot.Name },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = Tenant.TenantId, ["id"] = chatId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant.TenantId } },
    };

    /// <summary>The 1:1 chats with <paramref name="person"/> created so far (ids the Playground gave them).</summary>
    private static HashSet<string> ChatsCreatedFor(IEnumerable<RecordedExchange> recording, PlaygroundPerson person) =>
        [.. recording.Where(e => !e.ToBot && IsChatCreatedFor(e, person) && e.ResponseBody.ValueKind == JsonValueKind.Object && e.ResponseBody.TryGetProperty("id", out _))
            .Select(e => e.ResponseBody.GetProperty("id").GetString()!)];

    private static bool IsChatCreatedFor(RecordedExchange exchange, PlaygroundPerson person) =>
        exchange.Activity.ValueKind == JsonValueKind.Object && exchange.Activity.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array &&
        members.EnumerateArray().Any(m => m.TryGetProperty("id", out var id) && id.GetString() == person.Id);

    /// <summary>The card in a request that created a 1:1 chat with <paramref name="person"/>, or posted to one of <paramref name="chats"/>.</summary>
    private static PrivateCard? PrivateCardIn(RecordedExchange exchange, PlaygroundPerson person, HashSet<string> chats)
    {
        JsonElement activity;
        string? conversationId;
        string? activityId;
        if (IsChatCreatedFor(exchange, person))
        {
            var member = Assert.Single(exchange.Activity.GetProperty("members").EnumerateArray());
            Assert.Equal(person.AadObjectId, member.GetProperty("aadObjectId").GetString());
            Assert.False(exchange.Activity.GetProperty("isGroup").GetBoolean());
            if (!exchange.Activity.TryGetProperty("activity", out activity))
            {
                return null;
            }

            conversationId = Answered(exchange, "id");
            activityId = Answered(exchange, "activityId");
        }
        else if (exchange.PostedTo is { } chat && chats.Contains(chat))
        {
            activity = exchange.Activity;
            conversationId = chat;
            activityId = Answered(exchange, "id");
        }
        else
        {
            return null;
        }

        return activity.ValueKind == JsonValueKind.Object && activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array && attachments.GetArrayLength() == 1
            ? new PrivateCard(conversationId, activityId, attachments[0].GetProperty("content"))
            : null;
    }

    private static string? Answered(RecordedExchange exchange, string property) =>
        exchange.ResponseBody.ValueKind == JsonValueKind.Object && exchange.ResponseBody.TryGetProperty(property, out var value) ? value.GetString() : null;

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

/// <summary>A card the bot sent someone in a 1:1 chat the Playground does not show: where it is (as far as the recording tells) and the card.</summary>
public sealed record PrivateCard(string? ConversationId, string? ActivityId, JsonElement Card);

/// <summary>One item of "My requests": its title, kind ("Harassment support"), reference and status in words.</summary>
public sealed record MyRequestLine(string Title, string Kind, string Reference, string Status);
