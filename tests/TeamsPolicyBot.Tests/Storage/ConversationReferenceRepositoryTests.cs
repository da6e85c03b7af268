using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.ConversationReferences;
using TeamsPolicyBot.Tests.Support;

namespace TeamsPolicyBot.Tests.Storage;

[Collection(AzuriteTests.Name)]
public class ConversationReferenceRepositoryTests(AzuriteFixture azurite)
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private async Task<ConversationReferenceRepository> NewRepositoryAsync() =>
        new(await azurite.CreateTablesAsync(), new FakeTimeProvider());

    private static ConversationReference Personal(string aadObjectId, string teamsUserId, string conversationId) => new()
    {
        ServiceUrl = ServiceUrl,
        ChannelId = "msteams",
        ActivityId = "1712345678901",
        User = new ChannelAccount { Id = teamsUserId, AadObjectId = aadObjectId, Name = "Ada" },
        Bot = new ChannelAccount { Id = "28:bot-app-id", Name = "Policy bot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Personal, TenantId = "tenant-1" },
    };

    private static ConversationReference Channel(string conversationId) => new()
    {
        ServiceUrl = ServiceUrl,
        ChannelId = "msteams",
        User = new ChannelAccount { Id = "29:poster", AadObjectId = "5e0c4f3a-8f0e-4f4b-9d6e-3a1f2b7c9d01" },
        Bot = new ChannelAccount { Id = "28:bot-app-id" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Channel, IsGroup = true, TenantId = "tenant-1" },
    };

    [Fact]
    public async Task A_personal_chat_is_found_by_aad_object_id_teams_user_id_and_conversation_id()
    {
        var repository = await NewRepositoryAsync();
        var aad = Guid.NewGuid().ToString();
        var reference = Personal(aad, "29:1AbC-xyz/9?#", "a:1xyz;odd=@chars");

        await repository.SaveAsync(reference);

        foreach (var found in new[]
        {
            await repository.FindPersonalChatAsync(aad),
            await repository.FindByTeamsUserIdAsync("29:1AbC-xyz/9?#"),
            await repository.FindConversationAsync("a:1xyz;odd=@chars"),
        })
        {
            Assert.NotNull(found);
            Assert.Equal("a:1xyz;odd=@chars", found.Conversation?.Id);
            Assert.Equal(ServiceUrl, found.ServiceUrl);
            Assert.Equal("29:1AbC-xyz/9?#", found.User?.Id);
            Assert.Equal("28:bot-app-id", found.Bot?.Id);
            Assert.Equal("tenant-1", found.Conversation?.TenantId);
        }
    }

    [Fact]
    public async Task Aad_object_ids_match_whatever_their_case()
    {
        var repository = await NewRepositoryAsync();
        var aad = Guid.NewGuid();
        await repository.SaveAsync(Personal(aad.ToString().ToUpperInvariant(), "29:upper", "a:upper"));

        Assert.Equal("a:upper", (await repository.FindPersonalChatAsync(aad.ToString()))?.Conversation?.Id);
    }

    [Fact]
    public async Task Saving_again_replaces_the_reference_so_the_newest_service_url_wins()
    {
        var repository = await NewRepositoryAsync();
        var aad = Guid.NewGuid().ToString();
        await repository.SaveAsync(Personal(aad, "29:moved", "a:moved"));
        var moved = Personal(aad, "29:moved", "a:moved");
        moved.ServiceUrl = "https://smba.trafficmanager.net/amer/";

        await repository.SaveAsync(moved);

        Assert.Equal("https://smba.trafficmanager.net/amer/", (await repository.FindPersonalChatAsync(aad))?.ServiceUrl);
        Assert.Equal("https://smba.trafficmanager.net/amer/", (await repository.FindByTeamsUserIdAsync("29:moved"))?.ServiceUrl);
    }

    [Fact]
    public async Task A_channel_thread_is_found_by_its_thread_id_and_by_its_channel_id()
    {
        var repository = await NewRepositoryAsync();

        await repository.SaveAsync(Channel("19:abc@thread.tacv2;messageid=1712345678901"));

        Assert.Equal("19:abc@thread.tacv2;messageid=1712345678901", (await repository.FindConversationAsync("19:abc@thread.tacv2;messageid=1712345678901"))?.Conversation?.Id);
        var channel = await repository.FindConversationAsync("19:abc@thread.tacv2");
        Assert.Equal("19:abc@thread.tacv2", channel?.Conversation?.Id);
        Assert.Null(channel?.ActivityId);
    }

    [Fact]
    public async Task Channel_posts_are_not_mistaken_for_a_personal_chat_with_the_poster()
    {
        var repository = await NewRepositoryAsync();

        await repository.SaveAsync(Channel("19:general@thread.tacv2"));

        Assert.NotNull(await repository.FindConversationAsync("19:general@thread.tacv2"));
        Assert.Null(await repository.FindByTeamsUserIdAsync("29:poster"));
        Assert.Null(await repository.FindPersonalChatAsync("5e0c4f3a-8f0e-4f4b-9d6e-3a1f2b7c9d01"));
    }

    [Fact]
    public async Task Unknown_ids_find_nothing()
    {
        var repository = await NewRepositoryAsync();

        Assert.Null(await repository.FindPersonalChatAsync(Guid.NewGuid().ToString()));
        Assert.Null(await repository.FindByTeamsUserIdAsync("29:nobody"));
        Assert.Null(await repository.FindConversationAsync("19:nothing@thread.tacv2"));
    }

    [Fact]
    public async Task Properties_Teams_adds_survive_the_round_trip()
    {
        var repository = await NewRepositoryAsync();
        var reference = BotJson.Deserialize<ConversationReference>(
            """{"serviceUrl":"https://x/","conversation":{"id":"19:x@thread.v2","conversationType":"groupChat","extra":1},"user":{"id":"29:u"},"newField":{"a":"b"}}""")!;

        await repository.SaveAsync(reference);

        var found = await repository.FindConversationAsync("19:x@thread.v2");
        Assert.Equal("""{"a":"b"}""", found?.Properties?["newField"].GetRawText());
        Assert.Equal("1", found?.Conversation?.Properties?["extra"].GetRawText());
    }

    [Fact]
    public async Task A_reference_without_a_conversation_id_or_service_url_is_refused()
    {
        var repository = await NewRepositoryAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(new ConversationReference { ServiceUrl = ServiceUrl }));
        await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(new ConversationReference { Conversation = new ConversationAccount { Id = "a:1" } }));
    }
}
