using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.Delivery;

public sealed class ProactiveMessengerTests
{
    private const string PersonAadId = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
    private readonly Mock<IOutbox> outbox = new();
    private readonly Mock<IConversationReferences> references = new();
    private readonly List<OutboxMessage> queued = [];

    public ProactiveMessengerTests() =>
        outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboxMessage, CancellationToken>((message, _) => queued.Add(message))
            .ReturnsAsync("entry-1");

    private ProactiveMessenger Messenger(CommsWorkflowChannels? channels = null)
    {
        var comms = Options.Create(new CommsOptions
        {
            TeamId = "19:comms-team@thread.tacv2",
            ChannelId = "19:comms-approvals@thread.tacv2",
            Channels = channels ?? new(),
        });
        var locator = new CommsTeamLocator(references.Object, comms, Options.Create(new BotFrameworkOptions()));
        var roster = new CommsRoster(Mock.Of<IConnectorClient>(MockBehavior.Strict), locator, comms, TimeProvider.System);
        return new(outbox.Object, references.Object, new TeamsMembers(references.Object, roster), locator, comms, NullLogger<ProactiveMessenger>.Instance);
    }

    [Fact]
    public async Task A_person_the_bot_knows_is_messaged_in_their_personal_chat_through_the_outbox()
    {
        references.Setup(r => r.FindPersonalChatAsync(PersonAadId, It.IsAny<CancellationToken>())).ReturnsAsync(new ConversationReference
        {
            ServiceUrl = "https://smba.example/emea/",
            Conversation = new ConversationAccount { Id = "a:personal-chat" },
        });

        var reach = await Messenger().SendToPersonAsync(PersonAadId, Activity.CreateMessage("Your request was approved"), new DeliveryTag("acct", "SMA-2026-0001"), CancellationToken.None);

        Assert.Equal(PersonReach.Queued("entry-1"), reach);
        var message = Assert.Single(queued);
        Assert.Equal(OutboxMessageKind.Send, message.Kind);
        Assert.Equal("a:personal-chat", message.ConversationId);
        Assert.Equal("https://smba.example/emea/", message.ServiceUrl);
        Assert.Equal("acct/SMA-2026-0001", message.Correlation);
    }

    [Fact]
    public async Task A_person_the_bot_never_met_with_no_way_to_the_roster_is_reported_unreachable_and_nothing_is_queued()
    {
        var reach = await Messenger().SendToPersonAsync(PersonAadId, Activity.CreateMessage("hello"), null, CancellationToken.None);

        Assert.Equal(PersonReach.Unreachable(UnreachableReason.NoRoster), reach);
        Assert.Empty(queued);
    }

    [Fact]
    public async Task A_post_to_the_Comms_channel_creates_a_new_thread_in_the_configured_channel()
    {
        // Queued while handling a turn: the connector endpoint and tenant Teams just used.
        using (TurnOrigin.Begin("https://smba.example/emea/", "tenant-1"))
        {
            Assert.True(await Messenger().PostToCommsChannelAsync(CommsChannel.AccountRequests, Activity.CreateMessage("New request"), new DeliveryTag("acct", "SMA-2026-0001"), CancellationToken.None));
        }

        var message = Assert.Single(queued);
        Assert.Equal(OutboxMessageKind.CreateConversation, message.Kind);
        Assert.True(message.Parameters!.IsGroup);
        var channelData = message.Parameters.ChannelData!.Value;
        Assert.Equal("19:comms-approvals@thread.tacv2", channelData.GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("tenant-1", channelData.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("New request", message.Parameters.Activity!.Text);
    }

    [Fact]
    public async Task A_post_queued_outside_a_turn_goes_to_the_Comms_channel_as_last_seen_there()
    {
        references.Setup(r => r.FindConversationAsync("19:comms-approvals@thread.tacv2", It.IsAny<CancellationToken>())).ReturnsAsync(new ConversationReference
        {
            ServiceUrl = "https://smba.example/amer/",
            Conversation = new ConversationAccount { Id = "19:comms-approvals@thread.tacv2", TenantId = "tenant-2" },
        });

        Assert.True(await Messenger().PostToCommsChannelAsync(CommsChannel.Incidents, Activity.CreateMessage("A reminder"), new DeliveryTag("reminder", "INC-2026-0001"), CancellationToken.None));

        var message = Assert.Single(queued);
        Assert.Equal(("https://smba.example/amer/", "tenant-2"), (message.ServiceUrl, message.Parameters!.TenantId));
    }

    [Fact]
    public async Task A_post_outside_a_turn_with_the_Comms_channel_never_seen_nor_configured_queues_nothing_and_says_so()
    {
        Assert.False(await Messenger().PostToCommsChannelAsync(CommsChannel.Incidents, Activity.CreateMessage("A reminder"), new DeliveryTag("reminder", "INC-2026-0001"), CancellationToken.None));

        Assert.Empty(queued);
    }

    [Fact]
    public async Task A_workflow_with_its_own_channel_posts_there_and_one_without_falls_back_to_Comms_ChannelId()
    {
        var channels = new CommsWorkflowChannels { Incidents = "19:comms-incidents@thread.tacv2", Support = "" };
        using (TurnOrigin.Begin("https://smba.example/emea/", "tenant-1"))
        {
            var messenger = Messenger(channels);
            await messenger.PostToCommsChannelAsync(CommsChannel.Incidents, Activity.CreateMessage("Triage"), new DeliveryTag("incident", "INC-2026-0001"), CancellationToken.None);
            await messenger.PostToCommsChannelAsync(CommsChannel.Support, Activity.CreateMessage("Referral"), new DeliveryTag("support", "HSR-2026-0001"), CancellationToken.None);
            await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, Activity.CreateMessage("Request"), new DeliveryTag("acct", "SMA-2026-0001"), CancellationToken.None);
        }

        Assert.Equal(
            ["19:comms-incidents@thread.tacv2", "19:comms-approvals@thread.tacv2", "19:comms-approvals@thread.tacv2"],
            queued.Select(message => message.Parameters!.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString()));
    }
}
