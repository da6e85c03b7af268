using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery;

/// <summary>
/// Messaging a person by Entra object id, end to end below the workflows: Azurite tables, the real
/// outbox, and the real connector client (resilience included) against a fake connector on loopback
/// that serves the Comms team roster in two pages. Also naming a person from that roster, which is how
/// the bot names a line manager when Graph is off.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PersonReachTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TeamId = "19:comms-team@thread.tacv2";
    private const string ChannelId = "19:comms-approvals@thread.tacv2";
    private const string TenantId = "tenant-1";
    private const string KnownAadId = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
    private const string OnSecondPageAadId = "3f0b9c2e-5555-4a6b-9c1d-000000000005";
    private const string StrangerAadId = "3f0b9c2e-9999-4a6b-9c1d-000000000009";
    private const string SecondPageName = "Alex Chen";
    private const string SecondPageUpn = "alex.chen@contoso.example";

    private readonly ConcurrentQueue<string> roster = new();
    private readonly FakeLogCollector logs = new();
    private LoopbackHttpServer connector = null!;
    private ServiceProvider services = null!;

    /// <summary>What the fake answers a roster request with; null means "the two pages".</summary>
    private Func<HttpContext, Task>? rosterAnswer;

    public async Task InitializeAsync()
    {
        connector = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/v3/conversations/{id}/pagedmembers", (HttpContext context, string id) =>
            {
                roster.Enqueue(id);
                return rosterAnswer?.Invoke(context) ?? RosterPageAsync(context);
            });
            app.MapPost("/v3/conversations", () => Results.Json(new { id = "a:new-personal-chat", activityId = "1712000000001" }, statusCode: 201));
            app.MapPost("/v3/conversations/{id}/activities", () => Results.Json(new { id = "1712000000002" }, statusCode: 201));
        });
        var prefix = AzuriteFixture.NewTablePrefix();
        await azurite.CreateTablesAsync(prefix);
        services = BuildServices(prefix, new() { ["Comms:ServiceUrl"] = null });
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
    }

    private ServiceProvider BuildServices(string tablePrefix, Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = tablePrefix,
            ["Comms:TeamId"] = TeamId,
            ["Comms:ChannelId"] = ChannelId,
            ["Comms:ApproverIds:0"] = KnownAadId,
            ["Escalation:ContactIds:0"] = KnownAadId,
            ["Support:CaseHandlerIds:0"] = KnownAadId,
            ["Comms:RosterLookupTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("connector-token");
        var collection = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development))
            .AddBotProtocol(configuration)
            .AddPolicySettings()
            .AddTableStorage(configuration)
            .AddOutbox();
        collection.AddSingleton(tokens.Object);
        return collection.BuildServiceProvider();
    }

    private IProactiveMessenger Messenger => services.GetRequiredService<IProactiveMessenger>();

    private IConversationReferences References => services.GetRequiredService<IConversationReferences>();

    private IOutbox Outbox => services.GetRequiredService<IOutbox>();

    private string ServiceUrl => connector.BaseAddress.ToString();

    private static Task RosterPageAsync(HttpContext context)
    {
        // Page one holds the known person and someone else; page two the person sought.
        var secondPage = context.Request.Query["continuationToken"] == "page 2";
        object page = secondPage
            ? new { members = new[] { new { id = "29:on-second-page", aadObjectId = OnSecondPageAadId.ToUpperInvariant(), name = SecondPageName, email = "", userPrincipalName = SecondPageUpn } } }
            : new { continuationToken = "page 2", members = new[] { Member("29:known", KnownAadId), Member("29:someone-else", "3f0b9c2e-7777-4a6b-9c1d-000000000007") } };
        return context.Response.WriteAsJsonAsync(page);
    }

    /// <summary>The connector's answer when the bot is not installed in the team.</summary>
    private static Task BotNotInTheTeam(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { error = new { code = "BotNotInConversationRoster", message = "not installed" } });
    }

    private KnownMember SecondPageMember => new(OnSecondPageAadId, "29:on-second-page", ServiceUrl, TenantId, SecondPageName, SecondPageUpn);

    private static object Member(string id, string aadObjectId) => new { id, aadObjectId, name = "Member" };

    /// <summary>The bot has seen a thread in the Comms channel: that reference gives the roster's serviceUrl.</summary>
    private Task RememberCommsChannelAsync() => References.SaveAsync(new ConversationReference
    {
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
        Bot = new ChannelAccount { Id = "28:bot-app-id", Name = "Policy bot" },
        Conversation = new ConversationAccount { Id = ChannelId + ";messageid=1711", ConversationType = ConversationTypes.Channel, TenantId = TenantId },
    });

    /// <summary>Sends everything due, as the hosted worker would.</summary>
    private async Task DeliverAsync() => await services.GetRequiredService<OutboxProcessor>().RunOnceAsync(CancellationToken.None);

    private static Activity Message() => Activity.CreateMessage("Your incident INC-2026-0007 was taken");

    private List<RecordedRequest> Requests(string method, string pathStart) =>
        connector.Requests.Where(r => r.Method == method && r.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_person_with_a_personal_chat_is_messaged_there_without_reading_the_roster()
    {
        await References.SaveAsync(new ConversationReference
        {
            ServiceUrl = ServiceUrl,
            User = new ChannelAccount { Id = "29:known", AadObjectId = KnownAadId },
            Conversation = new ConversationAccount { Id = "a:known-chat", ConversationType = ConversationTypes.Personal },
        });

        var reach = await Messenger.SendToPersonAsync(KnownAadId, Message(), new DeliveryTag("incident", "INC-2026-0007", "taken"), CancellationToken.None);
        await DeliverAsync();

        Assert.Equal(PersonReachOutcome.Queued, reach.Outcome);
        Assert.Equal(OutboxStatus.Sent, (await Outbox.GetAsync(reach.EntryId!))!.Status);
        Assert.Single(Requests("POST", "/v3/conversations/a%3Aknown-chat/activities"));
        Assert.Empty(roster);
    }

    [Fact]
    public async Task A_person_found_on_the_second_roster_page_gets_a_new_chat_and_the_next_message_goes_straight_there()
    {
        await RememberCommsChannelAsync();

        var first = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), new DeliveryTag("incident", "INC-2026-0007", "taken"), CancellationToken.None);

        Assert.Equal(PersonReachOutcome.QueuedNewChat, first.Outcome);
        Assert.Equal([TeamId, TeamId], roster);
        Assert.Equal(SecondPageMember, await References.FindMemberAsync(OnSecondPageAadId));

        await DeliverAsync();
        var create = Assert.Single(Requests("POST", "/v3/conversations"), r => r.PathAndQuery == "/v3/conversations");
        using (var body = JsonDocument.Parse(create.Body))
        {
            var root = body.RootElement;
            Assert.Equal("29:on-second-page", root.GetProperty("members")[0].GetProperty("id").GetString());
            Assert.Equal(1, root.GetProperty("members").GetArrayLength());
            Assert.False(root.GetProperty("isGroup").GetBoolean());
            Assert.Equal("28:bot-app-id", root.GetProperty("bot").GetProperty("id").GetString());
            Assert.Equal(TenantId, root.GetProperty("tenantId").GetString());
            Assert.Equal(TenantId, root.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
            Assert.Equal("Your incident INC-2026-0007 was taken", root.GetProperty("activity").GetProperty("text").GetString());
        }

        var entry = await Outbox.GetAsync(first.EntryId!);
        Assert.Equal((OutboxStatus.Sent, "incident/INC-2026-0007/taken"), (entry!.Status, entry.Correlation));
        var chat = await References.FindPersonalChatAsync(OnSecondPageAadId);
        Assert.Equal(("a:new-personal-chat", "29:on-second-page"), (chat?.Conversation?.Id, chat?.User?.Id));

        var second = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);
        await DeliverAsync();

        Assert.Equal(PersonReachOutcome.Queued, second.Outcome);
        Assert.Single(Requests("POST", "/v3/conversations/a%3Anew-personal-chat/activities"));
        Assert.Equal(2, roster.Count);
    }

    [Fact]
    public async Task A_person_learned_from_the_roster_whose_chat_is_not_created_yet_is_not_looked_up_again()
    {
        await RememberCommsChannelAsync();

        var first = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);
        var second = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);

        Assert.Equal((PersonReachOutcome.QueuedNewChat, PersonReachOutcome.QueuedNewChat), (first.Outcome, second.Outcome));
        Assert.Equal(2, roster.Count);
    }

    [Fact]
    public async Task A_person_missing_from_the_roster_is_unreachable_nothing_is_queued_and_it_is_logged_with_ids_only()
    {
        await RememberCommsChannelAsync();

        var reach = await Messenger.SendToPersonAsync(StrangerAadId, Message(), null, CancellationToken.None);
        await DeliverAsync();

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.NotInRoster), reach);
        Assert.False(reach.IsTransient);
        Assert.Equal(2, roster.Count);
        Assert.Empty(Requests("POST", "/v3/conversations"));
        Assert.Null(await References.FindMemberAsync(StrangerAadId));
        var logged = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(StrangerAadId, StringComparison.Ordinal));
        Assert.Contains(nameof(UnreachableReason.NotInRoster), logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains("INC-2026-0007", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connector_failure_on_the_roster_is_a_transient_unreachable_with_nothing_queued()
    {
        await RememberCommsChannelAsync();
        rosterAnswer = context =>
        {
            // Retry-After 0 keeps the connector client's own retries instant.
            context.Response.Headers.RetryAfter = "0";
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };

        var reach = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);
        await DeliverAsync();

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.RosterUnavailable), reach);
        Assert.True(reach.IsTransient);
        Assert.Empty(Requests("POST", "/v3/conversations"));
        Assert.Null(await References.FindMemberAsync(OnSecondPageAadId));
    }

    [Fact]
    public async Task A_roster_that_does_not_answer_within_the_timeout_is_a_transient_unreachable()
    {
        await services.DisposeAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        await azurite.CreateTablesAsync(prefix);
        services = BuildServices(prefix, new() { ["Comms:RosterLookupTimeout"] = "00:00:00.300", ["Comms:ServiceUrl"] = ServiceUrl });
        rosterAnswer = context => Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);

        var reach = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.RosterUnavailable), reach);
        Assert.Empty(Requests("POST", "/v3/conversations"));
    }

    [Fact]
    public async Task Without_any_Comms_team_conversation_or_configured_service_url_the_roster_cannot_be_found()
    {
        var reach = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.NoRoster), reach);
        Assert.Empty(roster);
    }

    [Fact]
    public async Task The_configured_service_url_is_the_fallback_until_the_bot_has_seen_the_Comms_team()
    {
        await services.DisposeAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        await azurite.CreateTablesAsync(prefix);
        services = BuildServices(prefix, new() { ["Comms:ServiceUrl"] = ServiceUrl, ["MicrosoftAppTenantId"] = TenantId });

        var reach = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);

        Assert.Equal(PersonReachOutcome.QueuedNewChat, reach.Outcome);
        Assert.Equal(SecondPageMember, await References.FindMemberAsync(OnSecondPageAadId));
    }

    [Fact]
    public async Task A_bot_not_installed_in_the_Comms_team_cannot_read_its_roster()
    {
        await RememberCommsChannelAsync();
        rosterAnswer = BotNotInTheTeam;

        var reach = await Messenger.SendToPersonAsync(OnSecondPageAadId, Message(), null, CancellationToken.None);

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.NoRoster), reach);
        Assert.Single(roster);
    }

    [Fact]
    public async Task A_person_is_named_as_the_roster_shows_them_with_the_principal_name_standing_in_for_a_missing_email_and_the_roster_is_read_once()
    {
        await RememberCommsChannelAsync();
        var names = services.GetRequiredService<IPersonNames>();

        var first = await names.FindNameAsync(OnSecondPageAadId, CancellationToken.None);
        var again = await names.FindNameAsync(OnSecondPageAadId, CancellationToken.None);

        Assert.Equal(new PersonName(SecondPageName, SecondPageUpn), first);
        Assert.Equal(first, again);
        Assert.Equal([TeamId, TeamId], roster);
    }

    [Fact]
    public async Task A_person_outside_the_roster_is_named_from_their_own_chat_with_the_bot_or_not_at_all()
    {
        await RememberCommsChannelAsync();
        var names = services.GetRequiredService<IPersonNames>();

        Assert.Null(await names.FindNameAsync(StrangerAadId, CancellationToken.None));

        await References.SaveAsync(new ConversationReference
        {
            ServiceUrl = ServiceUrl,
            User = new ChannelAccount { Id = "29:stranger", AadObjectId = StrangerAadId, Name = "Jo Stranger" },
            Conversation = new ConversationAccount { Id = "a:stranger-chat", ConversationType = ConversationTypes.Personal },
        });

        Assert.Equal(new PersonName("Jo Stranger", null), await names.FindNameAsync(StrangerAadId, CancellationToken.None));
    }

    [Fact]
    public async Task No_name_when_the_roster_cannot_be_read()
    {
        await RememberCommsChannelAsync();
        rosterAnswer = BotNotInTheTeam;

        Assert.Null(await services.GetRequiredService<IPersonNames>().FindNameAsync(OnSecondPageAadId, CancellationToken.None));
    }

    [Fact]
    public async Task A_card_audience_of_several_unknown_people_reads_the_roster_once()
    {
        await RememberCommsChannelAsync();
        var members = services.GetRequiredService<TeamsMembers>();

        var audience = await members.CardAudienceAsync([KnownAadId, OnSecondPageAadId], CancellationToken.None);

        Assert.Equal(new[] { "29:known", "29:on-second-page" }, audience.RefreshUserIds);
        Assert.False(audience.EveryoneSeesActions);
        Assert.Equal([TeamId, TeamId], roster);
        Assert.Equal(SecondPageMember, await References.FindMemberAsync(OnSecondPageAadId));
    }

    [Fact]
    public async Task Someone_not_in_the_roster_gives_everyone_the_buttons()
    {
        await RememberCommsChannelAsync();

        var audience = await services.GetRequiredService<TeamsMembers>().CardAudienceAsync([KnownAadId, StrangerAadId], CancellationToken.None);

        Assert.Equal(new[] { "29:known" }, audience.RefreshUserIds);
        Assert.True(audience.EveryoneSeesActions);
    }
}
