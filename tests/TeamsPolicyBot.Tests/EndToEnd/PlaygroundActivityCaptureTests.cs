using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The activities the Playground really sends the bot, checked for the Teams shape the bot relies
/// on. With UPDATE_PLAYGROUND_ACTIVITIES=1 they are also written, verbatim, to
/// Protocol/Schema/PlaygroundActivities/ as fixtures for schema round-trip tests.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed class PlaygroundActivityCaptureTests(PlaygroundFixture stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Keep "<at>", "&" and quotes as Teams sends them, not as \u003C escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private PlaygroundClient Playground => stack.Client;

    private PlaygroundTenant Tenant => stack.Tenant;

    [Fact]
    public async Task The_Playground_sends_Teams_shaped_activities()
    {
        var captured = new Dictionary<string, JsonElement>();
        var people = Tenant.People;

        // Installing in the personal chat: installationUpdate, then conversationUpdate adding the bot.
        var seen = stack.Recording.Read().Count;
        await Playground.InstallAsync(Tenant.PersonalChatId);
        captured["installation-update"] = await ToBotAsync(seen, "installationUpdate", Tenant.PersonalChatId);
        var added = captured["conversation-update-install"] = await ToBotAsync(seen, "conversationUpdate", Tenant.PersonalChatId);
        Assert.Contains(added.GetProperty("membersAdded").EnumerateArray(), member => member.GetProperty("id").GetString() == Tenant.Bot.Id);

        // A message typed in the personal chat.
        var (personal, card) = await SendAsync(Tenant.PersonalChatId, "help", mentionBot: false);
        captured["personal-message"] = personal;
        Assert.Equal("personal", personal.GetProperty("conversation").GetProperty("conversationType").GetString());
        Assert.Equal(people.Staff.AadObjectId, personal.GetProperty("from").GetProperty("aadObjectId").GetString());

        // Action.Submit on the welcome card: a message with the action's data as value.
        seen = stack.Recording.Read().Count;
        await Playground.SubmitAsync(Tenant.PersonalChatId, card.MessageId!, people.Staff.Id, WelcomeEndToEndTests.SubmitData(card, "requests.mine"));
        var submit = captured["action-submit-message"] = await ToBotAsync(seen, "message", Tenant.PersonalChatId);
        Assert.Equal("requests.mine", submit.GetProperty("value").GetProperty("verb").GetString());
        Assert.Equal(card.MessageId, submit.GetProperty("replyToId").GetString());

        // Action.Execute, shaped as the Playground's page builds it: an adaptiveCard/action invoke.
        seen = stack.Recording.Read().Count;
        var invokeResponse = await Playground.ExecuteAsync(Tenant.PersonalChatId, card.MessageId!, people.Staff.Id, "requests.mine", new JsonObject { ["view"] = "open" }, "My requests");
        var execute = captured["action-execute-invoke"] = await ToBotAsync(seen, "invoke", Tenant.PersonalChatId);
        Assert.Equal("adaptiveCard/action", execute.GetProperty("name").GetString());
        Assert.Equal("Action.Execute", execute.GetProperty("value").GetProperty("action").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, invokeResponse.ValueKind);

        // An @mention in the Comms channel: a new post, with the team and channel in channelData.
        var (channel, channelCard) = await SendAsync(Tenant.CommsChannelId, "help", mentionBot: true);
        captured["channel-message-mention"] = channel;
        Assert.Equal("channel", channel.GetProperty("conversation").GetProperty("conversationType").GetString());
        Assert.Equal(Tenant.TeamId, channel.GetProperty("channelData").GetProperty("team").GetProperty("id").GetString());
        Assert.Equal(Tenant.CommsChannelId, channel.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Contains(channel.GetProperty("entities").EnumerateArray(), entity => entity.GetProperty("type").GetString() == "mention");

        // Someone other than the current user clicks in the channel: the Comms approver.
        var post = channel.GetProperty("conversation").GetProperty("id").GetString()!;
        seen = stack.Recording.Read().Count;
        await Playground.SubmitAsync(post, channelCard.MessageId!, people.CommsApprover.Id, WelcomeEndToEndTests.SubmitData(channelCard, "requests.mine"));
        var approverSubmit = captured["action-submit-channel-message"] = await ToBotAsync(seen, "message", post);
        Assert.Equal(people.CommsApprover.AadObjectId, approverSubmit.GetProperty("from").GetProperty("aadObjectId").GetString());

        seen = stack.Recording.Read().Count;
        await Playground.ExecuteAsync(post, channelCard.MessageId!, people.CommsApprover.Id, "requests.mine", new JsonObject(), "My requests");
        var approverExecute = captured["action-execute-channel-invoke"] = await ToBotAsync(seen, "invoke", post);
        Assert.Equal(people.CommsApprover.Id, approverExecute.GetProperty("from").GetProperty("id").GetString());

        // An @mention in the group chat.
        var (group, _) = await SendAsync(Tenant.GroupChatId, "help", mentionBot: true);
        captured["group-chat-message-mention"] = group;
        Assert.Equal("groupChat", group.GetProperty("conversation").GetProperty("conversationType").GetString());

        if (Environment.GetEnvironmentVariable("UPDATE_PLAYGROUND_ACTIVITIES") == "1")
        {
            var folder = Path.Combine(RepoPaths.Root, "tests", "TeamsPolicyBot.Tests", "Protocol", "Schema", "PlaygroundActivities");
            Directory.CreateDirectory(folder);
            foreach (var (name, activity) in captured)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(activity, Indented) + "\n");
            }
        }
    }

    /// <summary>Types a message and returns the activity the bot got and the card it answered with.</summary>
    private async Task<(JsonElement Activity, PlaygroundEvent Card)> SendAsync(string conversationId, string text, bool mentionBot)
    {
        var seen = stack.Recording.Read().Count;
        var mark = Playground.Mark();
        var sent = await Playground.SendMessageAsync(conversationId, text, mentionBot);
        var replyConversation = sent.PostConversationId ?? conversationId;
        var activity = await ToBotAsync(seen, "message", replyConversation);
        var card = await Playground.NextBotMessageAsync(mark, e => e.ConversationId == replyConversation && e.Attachments.Count > 0, Timeout);
        return (activity, card);
    }

    private async Task<JsonElement> ToBotAsync(int seen, string type, string conversationId)
    {
        var exchange = await stack.Recording.WaitForAsync(seen, e => e.ToBot && e.Type == type && e.ActivityConversationId == conversationId, Timeout);
        Assert.Equal(200, exchange.ResponseStatus);
        return exchange.Activity;
    }
}
