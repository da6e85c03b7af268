using System.Text.Json;
using System.Text.Json.Nodes;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The bot as people meet it, through Microsoft 365 Agents Playground: what they type or click
/// goes through the Playground to the running bot, and its answers come back the way Teams shows them.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed class WelcomeEndToEndTests(PlaygroundFixture stack)
{
    private const string WelcomeText = "how can I help?";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private PlaygroundClient Playground => stack.Client;

    private PlaygroundTenant Tenant => stack.Tenant;

    [Fact]
    public async Task Help_in_the_personal_chat_brings_the_welcome_card()
    {
        var card = await SayHelpInPersonalChatAsync();

        var attachment = Assert.Single(card.Attachments);
        Assert.Equal(AdaptiveCard, attachment.GetProperty("contentType").GetString());
        Assert.Contains(Texts(attachment.GetProperty("content").GetProperty("body")), text => text.Contains(WelcomeText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task My_requests_on_the_welcome_card_gets_a_reply()
    {
        var card = await SayHelpInPersonalChatAsync();
        var data = SubmitData(card, "requests.mine");

        var mark = Playground.Mark();
        await Playground.SubmitAsync(Tenant.PersonalChatId, card.MessageId!, Tenant.People.Staff.Id, data);
        var reply = await NextAsync(mark, e => e.ConversationId == Tenant.PersonalChatId);

        Assert.True(!string.IsNullOrWhiteSpace(reply.Text) || reply.Attachments.Count > 0, $"An empty reply: {reply.Message}");
    }

    [Fact]
    public async Task Mentioning_the_bot_with_help_in_the_Comms_channel_brings_the_welcome_card()
    {
        var mark = Playground.Mark();
        var post = await Playground.SendMessageAsync(Tenant.CommsChannelId, "help", mentionBot: true);

        Assert.NotNull(post.PostConversationId);
        var card = await NextAsync(mark, e => e.ConversationId == post.PostConversationId);
        var attachment = Assert.Single(card.Attachments);
        Assert.Equal(AdaptiveCard, attachment.GetProperty("contentType").GetString());
        Assert.Contains(Texts(attachment.GetProperty("content").GetProperty("body")), text => text.Contains(WelcomeText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_message_that_does_not_mention_the_bot_is_ignored()
    {
        // The Playground itself never forwards such a message (nor does Teams), so it is sent as a
        // custom activity: this checks the bot's own filter.
        var activityId = Guid.NewGuid().ToString();
        var conversationId = $"{Tenant.CommsChannelId};messageid={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
        var seen = stack.Recording.Read().Count;

        await Playground.SendCustomActivityAsync(ChannelMessage(activityId, conversationId, "help"));

        // The recording gets the entry when the bot has answered, i.e. after its turn, replies included.
        var delivered = await stack.Recording.WaitForAsync(seen, e => e.ToBot && Id(e.Activity) == activityId, Timeout);
        Assert.Equal(200, delivered.ResponseStatus);
        Assert.DoesNotContain(stack.Recording.Read(), e => !e.ToBot && e.ActivityConversationId == conversationId);

        // Control: the same message with the @mention is answered, so the check above can fail.
        var mentioned = ChannelMessage(Guid.NewGuid().ToString(), conversationId, $"<at>{Tenant.Bot.Name}</at> help");
        mentioned["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = Tenant.Bot.Id, ["name"] = Tenant.Bot.Name },
            ["text"] = $"<at>{Tenant.Bot.Name}</at>",
        });
        seen = stack.Recording.Read().Count;
        await Playground.SendCustomActivityAsync(mentioned);
        await stack.Recording.WaitForAsync(seen, e => e.ToBot && Id(e.Activity) == Id(mentioned), Timeout);
        Assert.Contains(stack.Recording.Read(), e => !e.ToBot && e.ActivityConversationId == conversationId);
    }

    [Fact]
    public async Task Installing_the_bot_in_the_personal_chat_brings_the_welcome_card()
    {
        var mark = Playground.Mark();
        await Playground.InstallAsync(Tenant.PersonalChatId);

        var card = await NextAsync(mark, e => e.ConversationId == Tenant.PersonalChatId);
        var attachment = Assert.Single(card.Attachments);
        Assert.Equal(AdaptiveCard, attachment.GetProperty("contentType").GetString());
    }

    private async Task<PlaygroundEvent> SayHelpInPersonalChatAsync()
    {
        var mark = Playground.Mark();
        await Playground.SendMessageAsync(Tenant.PersonalChatId, "help");
        return await NextAsync(mark, e => e.ConversationId == Tenant.PersonalChatId && e.Attachments.Count > 0);
    }

    private async Task<PlaygroundEvent> NextAsync(long mark, Func<PlaygroundEvent, bool> predicate)
    {
        try
        {
            return await Playground.NextBotMessageAsync(mark, predicate, Timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{stack.Diagnostics()}", ex);
        }
    }

    /// <summary>A message in a channel thread, shaped like the ones the Playground sends (see PlaygroundActivities/).</summary>
    internal static JsonObject ChannelMessage(string id, string conversationId, string text, PlaygroundTenant tenant) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["text"] = text,
        ["textFormat"] = "plain",
        ["channelId"] = "msteams",
        ["serviceUrl"] = null,
        ["from"] = new JsonObject { ["id"] = tenant.People.Staff.Id, ["name"] = tenant.People.Staff.Name, ["aadObjectId"] = tenant.People.Staff.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = tenant.Bot.Id, ["name"] = tenant.Bot.Name },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = tenant.TenantId, ["id"] = conversationId },
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = tenant.TenantId },
            ["team"] = new JsonObject { ["id"] = tenant.TeamId },
            ["channel"] = new JsonObject { ["id"] = tenant.CommsChannelId },
        },
    };

    private JsonObject ChannelMessage(string id, string conversationId, string text)
    {
        var activity = ChannelMessage(id, conversationId, text, Tenant);
        // The bot replies through the serviceUrl; it must be the Playground's connector.
        activity["serviceUrl"] = new Uri(stack.PlaygroundUrl, "/_connector").ToString();
        return activity;
    }

    private static string? Id(JsonElement activity) => activity.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static string? Id(JsonObject activity) => activity["id"]?.GetValue<string>();

    /// <summary>The data of the card's Action.Submit with this verb, as the page would submit it.</summary>
    internal static JsonNode SubmitData(PlaygroundEvent card, string verb)
    {
        var data = Elements(Content(card)).FirstOrDefault(action =>
            action.GetProperty("type").GetString() == "Action.Submit" &&
            action.TryGetProperty("data", out var d) && d.TryGetProperty("verb", out var v) && v.GetString() == verb);
        Assert.True(data.ValueKind == JsonValueKind.Object, $"The card has no Action.Submit with verb {verb}.");
        return JsonNode.Parse(data.GetProperty("data").GetRawText())!;
    }
}
