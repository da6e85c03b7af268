using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery;

/// <summary>The real outbox over Azurite, a loopback fake connector and a fake clock, shared by the outbox worker's tests.</summary>
public abstract class OutboxTestBase(AzuriteFixture azurite)
{
    private protected AzuriteFixture Azurite { get; } = azurite;

    private protected const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private protected readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private protected readonly FakeLogCollector logs = new();
    private protected readonly OutboxOptions options = new()
    {
        PollInterval = TimeSpan.FromSeconds(1),
        FirstRetryDelay = TimeSpan.FromSeconds(1),
        DeliveryDeadline = TimeSpan.FromMinutes(10),
        LeaseDuration = TimeSpan.FromMinutes(1),
    };

    private protected readonly RecordingHandler failures = new();
    private FakeConnector? connector;

    private protected FakeConnector Connector => connector ??= new FakeConnector(time);

    private protected async Task<OutboxStore> NewOutboxAsync(string? tablePrefix = null) => new(await Azurite.CreateTablesAsync(tablePrefix), time);

    private protected OutboxProcessor NewWorker(OutboxStore store, params IOutboxDeliveryHandler[] handlers) => NewWorker(store, new SendPacer(), handlers);

    private protected OutboxProcessor NewWorker(OutboxStore store, SendPacer pacer, params IOutboxDeliveryHandler[] handlers) =>
        new(store, Connector, handlers, [failures], pacer, Options.Create(options), time, new FakeLogger<OutboxProcessor>(logs));

    private protected static OutboxMessage Message(int n, string conversationId = "a:1xyz", DeliveryTag? tag = null) =>
        OutboxMessage.Send(ServiceUrl, conversationId, Activity.CreateMessage($"message {n}"), tag);

    /// <summary>Runs the worker the way its loop does, jumping the fake clock to each wake-up time.</summary>
    private protected async Task RunUntilAsync(OutboxProcessor worker, Func<bool> done, int maxCycles = 200)
    {
        for (var cycle = 0; cycle < maxCycles && !done(); cycle++)
        {
            var next = await worker.RunOnceAsync(CancellationToken.None);
            if (next > time.GetUtcNow())
            {
                time.SetUtcNow(next);
            }
        }

        Assert.True(done(), $"not done after {maxCycles} worker cycles");
    }

    private protected static Func<(ConnectorStatus, int?, string?, TimeSpan?)?> Answers(params (ConnectorStatus, int?, string?, TimeSpan?)?[] answers)
    {
        var queue = new Queue<(ConnectorStatus, int?, string?, TimeSpan?)?>(answers);
        return () => queue.Count > 0 ? queue.Dequeue() : null;
    }

    private protected void AnswerInOrder(params (ConnectorStatus, int?, string?, TimeSpan?)?[] answers)
    {
        var next = Answers(answers);
        Connector.Respond = _ => Task.FromResult(next());
    }

    private protected sealed class RecordingHandler(string? kind = null) : IOutboxDeliveryHandler, IOutboxFailureHandler
    {
        public string? Kind => kind;

        public List<OutboxDelivery> Deliveries { get; } = [];

        public List<OutboxEntry> Failed { get; } = [];

        public Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken) => Add(Deliveries, delivery);

        public Task OnFailedAsync(OutboxEntry entry, CancellationToken cancellationToken) => Add(Failed, entry);

        private static Task Add<T>(List<T> list, T item)
        {
            lock (list)
            {
                list.Add(item);
            }

            return Task.CompletedTask;
        }
    }

    private protected sealed class ThrowingHandler : IOutboxDeliveryHandler
    {
        public string? Kind => null;

        public Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken) => throw new InvalidOperationException("a broken workflow");
    }
}
