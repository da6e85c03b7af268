using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery.ConversationReferences;

[Collection(AzuriteTests.Name)]
public class ConversationReferenceRepositoryTests(AzuriteFixture azurite)
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private async Task<ConversationReferenceRepository> NewRepositoryAsync() =>
        NewRepository(await azurite.CreateTablesAsync());

    private static ConversationReferenceRepository NewRepository(TableStorage storage, TimeProvider? time = null)
    {
        time ??= new FakeTimeProvider();
        return new ConversationReferenceRepository(storage, time, new StoredReferenceCache(time));
    }

    private static async Task<Dictionary<string, Azure.ETag>> ETagsAsync(TableStorage storage) =>
        await storage.GetTable(TableNames.ConversationReferences).QueryAsync<Azure.Data.Tables.TableEntity>()
            .ToDictionaryAsync(row => row.PartitionKey + "/" + row.RowKey, row => row.ETag);

    [Fact]
    public async Task An_unchanged_reference_is_not_written_again_but_a_changed_one_is_and_another_instance_still_writes()
    {
        var storage = await azurite.CreateTablesAsync();
        var time = new FakeTimeProvider();
        var repository = NewRepository(storage, time);
        var reference = Personal(Guid.NewGuid().ToString(), "29:unchanged", "a:unchanged");
        await repository.SaveAsync(reference);
        var first = await ETagsAsync(storage);
        Assert.Equal(3, first.Count);

        reference.ActivityId = "another activity";
        await repository.SaveAsync(reference);
        Assert.Equal(first, await ETagsAsync(storage));

        reference.ServiceUrl = "https://smba.trafficmanager.net/amer/";
        await repository.SaveAsync(reference);
        var moved = await ETagsAsync(storage);
        Assert.All(moved, row => Assert.NotEqual(first[row.Key], row.Value));
        Assert.Equal("https://smba.trafficmanager.net/amer/", (await repository.FindPersonalChatAsync(reference.User!.AadObjectId!))!.ServiceUrl);

        // A second instance (cold cache) writes; once the entry expires this one writes again too.
        await NewRepository(storage, time).SaveAsync(reference);
        var byOther = await ETagsAsync(storage);
        Assert.All(byOther, row => Assert.NotEqual(moved[row.Key], row.Value));
        time.Advance(StoredReferenceCache.Lifetime + TimeSpan.FromSeconds(1));
        await repository.SaveAsync(reference);
        Assert.All(await ETagsAsync(storage), row => Assert.NotEqual(byOther[row.Key], row.Value));
    }

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
        var reference = Personal(aad, "29:1AbC-xyz%9 é", "a:1xyz;odd=@chars");

        await repository.SaveAsync(reference);

        foreach (var found in new[]
        {
            await repository.FindPersonalChatAsync(aad),
            await repository.FindByTeamsUserIdAsync("29:1AbC-xyz%9 é"),
            await repository.FindConversationAsync("a:1xyz;odd=@chars"),
        })
        {
            Assert.NotNull(found);
            Assert.Equal("a:1xyz;odd=@chars", found.Conversation?.Id);
            Assert.Equal(ServiceUrl, found.ServiceUrl);
            Assert.Equal("29:1AbC-xyz%9 é", found.User?.Id);
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

    public static TheoryData<string, Func<ConversationReference>> MalformedReferences => new()
    {
        { "conversation id with a slash", () => Personal(Guid.NewGuid().ToString(), "29:ok", "a:1/2") },
        { "conversation id with a control character", () => Personal(Guid.NewGuid().ToString(), "29:ok", "a:1\u0007") },
        { "conversation id of 100,000 characters", () => Personal(Guid.NewGuid().ToString(), "29:ok", "a:" + new string('x', 100_000)) },
        { "user id with # and ?", () => Personal(Guid.NewGuid().ToString(), "29:a#b?c", "a:fine") },
        { "user id with a backslash", () => Personal(Guid.NewGuid().ToString(), "29:a\\b", "a:fine") },
        { "object id that is not a GUID", () => Personal("../../etc", "29:ok", "a:fine") },
    };

    [Theory]
    [MemberData(nameof(MalformedReferences))]
    public async Task A_reference_with_a_malformed_id_stores_no_row_at_all(string why, Func<ConversationReference> reference)
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = NewRepository(storage);

        await Assert.ThrowsAsync<MalformedKeyException>(() => repository.SaveAsync(reference()));

        Assert.False(await storage.GetTable(TableNames.ConversationReferences).QueryAsync<Azure.Data.Tables.TableEntity>().AnyAsync(), why);
    }

    [Fact]
    public async Task A_reference_too_large_for_one_property_stores_no_row_at_all()
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = NewRepository(storage);
        var reference = Personal(Guid.NewGuid().ToString(), "29:ok", "a:fine");
        reference.User!.Name = new string('n', 40_000);

        await Assert.ThrowsAsync<EntityTooLargeException>(() => repository.SaveAsync(reference));

        Assert.False(await storage.GetTable(TableNames.ConversationReferences).QueryAsync<Azure.Data.Tables.TableEntity>().AnyAsync());
    }

    [Fact]
    public async Task Looking_up_an_id_no_row_could_have_finds_nothing_without_asking_storage()
    {
        var repository = NewRepository(await azurite.CreateTablesAsync());

        Assert.Null(await repository.FindPersonalChatAsync("not-a-guid"));
        Assert.Null(await repository.FindByTeamsUserIdAsync("29:" + new string('x', 5000)));
        Assert.Null(await repository.FindConversationAsync("19:a/b"));
        Assert.Null(await repository.FindMemberAsync("x#y"));
    }
}
