using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Turns;

/// <summary>
/// The whole app over HTTP: activities in through /api/messages, replies out to a fake connector
/// on loopback, conversation references into Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ActivityRouterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string BotId = "28:bot-app-id";
    private const string StaffTeamsId = "29:staff-member";
    private readonly FakeLogCollector logs = new();
    private LoopbackHttpServer connector = null!;
    private WebApplicationFactory<Program> app = null!;

    public async Task InitializeAsync()
    {
        connector = await LoopbackHttpServer.StartAsync(endpoints =>
            endpoints.Map("/{**path}", () => Results.Json(new { id = "sent-1" })));
        app = new BotApplicationFactory(azurite).WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace))));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await connector.DisposeAsync();
    }

    private JsonObject Activity(string type, string conversationId, string conversationType) => new()
    {
        ["type"] = type,
        ["id"] = "incoming-1",
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.BaseAddress.ToString(),
        ["from"] = new JsonObject { ["id"] = StaffTeamsId, ["name"] = "Ada Lovelace", ["aadObjectId"] = BotApplicationFactory.StaffAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Social Media Desk" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = "tenant-1" },
    };

    private JsonObject Personal(string? text = null, object? value = null)
    {
        var activity = Activity("message", "a:personal-chat", "personal");
        activity["text"] = text;
        activity["value"] = value is null ? null : JsonSerializer.SerializeToNode(value);
        return activity;
    }

    private JsonObject Channel(string text, bool mentionBot)
    {
        var activity = Activity("message", "19:general@thread.tacv2;messageid=incoming-1", "channel");
        activity["text"] = text;
        activity["entities"] = mentionBot
            ? new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>Social Media Desk</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "Social Media Desk" } })
            : new JsonArray();
        activity["channelData"] = JsonNode.Parse("""{"team":{"id":"19:team@thread.tacv2"},"channel":{"id":"19:general@thread.tacv2"},"tenant":{"id":"tenant-1"}}""");
        return activity;
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/messages", activity);
    }

    private JsonNode[] SentActivities() =>
        connector.Requests.Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!).ToArray();

    private static string CardJson(JsonNode activity) => activity["attachments"]![0]!["content"]!.ToJsonString();

    [Theory]
    [InlineData("help")]
    [InlineData("  HELP! ")]
    public async Task Help_in_a_personal_chat_gets_the_welcome_card(string text)
    {
        var response = await SendAsync(Personal(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(SentActivities());
        Assert.Equal("application/vnd.microsoft.card.adaptive", reply["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Hi Ada", CardJson(reply), StringComparison.Ordinal);
        Assert.EndsWith("/activities/incoming-1", connector.Requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_in_a_personal_chat_gets_the_policy_clauses_that_answer_it_with_the_button_that_fits()
    {
        app = app.WithWebHostBuilder(host => host.UseSetting("Bot:PublicBaseUrl", "https://smd.example.ac.uk"));

        await SendAsync(Personal("our account got hacked, what do I do?"));

        var card = JsonNode.Parse(CardJson(Assert.Single(SentActivities())))!;
        var texts = TextBlocks(card).ToList();
        Assert.Contains("What the policy says", texts);
        Assert.Contains(texts, text => text.StartsWith("**Clause [4.18](https://smd.example.ac.uk/policy#clause-4-18)**, Roles and responsibilities", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Contains("in case of a security breach", StringComparison.Ordinal));
        var buttons = card.ToJsonString();
        Assert.Contains("\"verb\":\"incident.report\"", buttons, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verb\":\"account.request\"", buttons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_still_wins_over_a_question()
    {
        await SendAsync(Personal("my requests"));

        Assert.Contains("You have no requests yet", CardJson(Assert.Single(SentActivities())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's for lunch")]
    [InlineData("what is this thing")]
    public async Task Something_the_policy_does_not_cover_gets_a_plain_no_and_the_welcome_card(string text)
    {
        await SendAsync(Personal(text));

        var reply = Assert.Single(SentActivities());
        Assert.Equal(TeamsPolicyBot.Turns.PolicyQuestions.AskThePolicy.NoMatch, reply["text"]!.GetValue<string>());
        Assert.Contains("Hi Ada, how can I help?", CardJson(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_in_a_team_channel_gets_the_welcome_card_not_the_policy()
    {
        await SendAsync(Channel("<at>Social Media Desk</at> our account got hacked, what do I do?", mentionBot: true));

        var card = CardJson(Assert.Single(SentActivities()));
        Assert.Contains("how can I help?", card, StringComparison.Ordinal);
        Assert.DoesNotContain("What the policy says", card, StringComparison.Ordinal);
    }

    private static IEnumerable<string> TextBlocks(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(pair => pair.Value is null ? [] : TextBlocks(pair.Value)),
        JsonArray a => a.SelectMany(item => item is null ? [] : TextBlocks(item)),
        _ => [],
    };

    [Fact]
    public async Task Installing_the_bot_sends_the_welcome_card_once()
    {
        var install = Activity("conversationUpdate", "a:personal-chat", "personal");
        install["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });

        await SendAsync(install);

        Assert.Contains("how can I help", CardJson(Assert.Single(SentActivities())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_joining_a_conversation_sends_nothing()
    {
        var joined = Activity("conversationUpdate", "19:general@thread.tacv2", "channel");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:new-colleague" });

        await SendAsync(joined);

        Assert.Empty(SentActivities());
    }

    [Fact]
    public async Task A_button_click_is_routed_by_its_verb_not_its_text()
    {
        await SendAsync(Personal(text: "help", value: new { verb = "requests.mine" }));

        Assert.Contains("You have no requests yet", CardJson(Assert.Single(SentActivities())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_channel_the_bot_reads_the_command_without_its_mention()
    {
        await SendAsync(Channel("<at>Social Media Desk</at> report incident", mentionBot: true));

        Assert.Contains("Incidents are reported in a private chat", Assert.Single(SentActivities())["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_channel_the_bot_stays_silent_unless_mentioned()
    {
        var response = await SendAsync(Channel("help", mentionBot: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SentActivities());
    }

    [Fact]
    public async Task Talking_to_the_bot_saves_how_to_reach_the_person_later()
    {
        await SendAsync(Personal("help"));

        var references = app.Services.GetRequiredService<IConversationReferences>();
        var reference = await references.FindPersonalChatAsync(BotApplicationFactory.StaffAadId);
        Assert.NotNull(reference);
        Assert.Equal("a:personal-chat", reference.Conversation!.Id);
        Assert.Equal(connector.BaseAddress.ToString(), reference.ServiceUrl);
        Assert.Equal(StaffTeamsId, (await references.FindByTeamsUserIdAsync(StaffTeamsId))!.User!.Id);
    }

    [Fact]
    public async Task A_click_is_handled_while_its_conversation_is_saved_but_a_message_only_after()
    {
        // A reference store that saves only when the test says so.
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var references = new Mock<IConversationReferences>();
        references.Setup(r => r.SaveAsync(It.IsAny<ConversationReference>(), It.IsAny<CancellationToken>())).Returns(() => saved.Task);
        await using var gated = app.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton(references.Object)));
        using var client = gated.CreateClient();
        var invoke = Activity("invoke", "a:personal-chat", "personal");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"gone"}}""");

        // The click reaches its handler (which logs the unknown verb) while the save is still under way, and is answered once both are done.
        var clicked = client.PostAsJsonAsync("/api/messages", invoke);
        var handledDuringSave = await Eventually(() => logs.GetSnapshot().Any(r => r.Message.StartsWith("No handler for invoke", StringComparison.Ordinal)));
        Assert.False(clicked.IsCompleted);
        saved.SetResult();
        Assert.True(handledDuringSave, "the click waited for its conversation to be saved before being handled");
        Assert.Equal(HttpStatusCode.OK, (await clicked).StatusCode);

        // A message waits for the save: its answer may be sent to a chat looked up by the reference.
        saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var messaged = client.PostAsJsonAsync("/api/messages", Personal("help"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Empty(SentActivities());
        saved.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await messaged).StatusCode);
        Assert.Single(SentActivities());

        static async Task<bool> Eventually(Func<bool> condition)
        {
            for (var waited = 0; waited < 100 && !condition(); waited++)
            {
                await Task.Delay(50);
            }

            return condition();
        }
    }

    [Fact]
    public async Task What_people_type_never_reaches_the_logs()
    {
        const string secret = "my harasser is posting my home address";

        await SendAsync(Personal(secret));
        await SendAsync(Personal(value: new { verb = "support.start", details = secret }));

        var records = logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.DoesNotContain(records, record =>
            record.Message.Contains("home address", StringComparison.Ordinal) ||
            record.StructuredState?.Any(pair => pair.Value?.Contains("home address", StringComparison.Ordinal) == true) == true);
    }

    [Fact]
    public async Task An_unknown_card_action_gets_a_polite_message_not_an_error()
    {
        var invoke = Activity("invoke", "a:personal-chat", "personal");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"gone"}}""");

        var response = await SendAsync(invoke);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
    }
}
