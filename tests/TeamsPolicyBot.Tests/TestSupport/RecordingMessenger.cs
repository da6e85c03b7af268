using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>A messenger that queues everything and records it: what each person, the Comms channel and a thread ("thread:" + key) would be sent.</summary>
internal sealed class RecordingMessenger
{
    public Mock<IProactiveMessenger> Mock { get; } = new();

    public List<(string PersonId, string Key, Activity Message)> ToPeople { get; } = [];

    public List<(string Key, Activity Message)> ToComms { get; } = [];

    /// <summary>Which Comms channel each new thread was posted to, by its idempotency key.</summary>
    public List<(string Key, CommsChannel Channel)> Channels { get; } = [];

    public IProactiveMessenger Object => Mock.Object;

    public RecordingMessenger()
    {
        Mock.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<DeliveryTag?>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<string, Activity, DeliveryTag?, CancellationToken, string?>((person, activity, _, _, key) => ToPeople.Add((person, key!, activity)))
            .ReturnsAsync(PersonReach.Queued("entry"));
        Mock.Setup(m => m.PostToCommsChannelAsync(It.IsAny<CommsChannel>(), It.IsAny<Activity>(), It.IsAny<DeliveryTag>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<CommsChannel, Activity, DeliveryTag, CancellationToken, string?>((channel, activity, _, _, key) => { ToComms.Add((key!, activity)); Channels.Add((key!, channel)); })
            .ReturnsAsync(true);
        Mock.Setup(m => m.ReplyInThreadAsync(It.IsAny<MessageLocation>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<MessageLocation, Activity, CancellationToken, string?>((_, activity, _, key) => ToComms.Add(("thread:" + key, activity)))
            .Returns(Task.CompletedTask);
    }
}
