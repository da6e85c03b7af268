using Moq;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.Delivery.ConversationReferences;

public class ConversationReferencesExtensionsTests
{
    private readonly Mock<IConversationReferences> references = new();

    private static Activity Inbound(string type, string? action = null) => new()
    {
        Type = type,
        Action = action,
        Id = "1712345678901",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:user", AadObjectId = "5e0c4f3a-8f0e-4f4b-9d6e-3a1f2b7c9d01" },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Conversation = new ConversationAccount { Id = "a:1xyz", ConversationType = ConversationTypes.Personal },
    };

    [Theory]
    [InlineData(ActivityTypes.Message, null)]
    [InlineData(ActivityTypes.Invoke, null)]
    [InlineData(ActivityTypes.InstallationUpdate, "add")]
    [InlineData(ActivityTypes.ConversationUpdate, null)]
    public async Task Activities_from_a_live_conversation_are_remembered(string type, string? action)
    {
        Assert.True(await references.Object.RememberConversationAsync(Inbound(type, action)));

        references.Verify(r => r.SaveAsync(
            It.Is<ConversationReference>(c => c.Conversation!.Id == "a:1xyz" && c.User!.Id == "29:user" && c.Bot!.Id == "28:bot" && c.ServiceUrl == "https://smba.trafficmanager.net/emea/"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("remove-upgrade")]
    public async Task Uninstalls_are_not_remembered(string action)
    {
        Assert.False(await references.Object.RememberConversationAsync(Inbound(ActivityTypes.InstallationUpdate, action)));
        references.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_bot_being_removed_from_a_team_is_not_remembered()
    {
        var removed = Inbound(ActivityTypes.ConversationUpdate);
        removed.MembersRemoved = [new ChannelAccount { Id = "28:bot" }];

        Assert.False(await references.Object.RememberConversationAsync(removed));
        references.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Someone_else_leaving_a_team_still_refreshes_the_reference()
    {
        var left = Inbound(ActivityTypes.ConversationUpdate);
        left.MembersRemoved = [new ChannelAccount { Id = "29:someone-else" }];

        Assert.True(await references.Object.RememberConversationAsync(left));
    }

    [Fact]
    public async Task Activities_without_a_service_url_or_conversation_are_ignored()
    {
        var noServiceUrl = Inbound(ActivityTypes.Message);
        noServiceUrl.ServiceUrl = null;
        var noConversation = Inbound(ActivityTypes.Message);
        noConversation.Conversation = null;

        Assert.False(await references.Object.RememberConversationAsync(noServiceUrl));
        Assert.False(await references.Object.RememberConversationAsync(noConversation));
        references.VerifyNoOtherCalls();
    }
}
