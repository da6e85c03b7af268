using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery;

[Collection(AzuriteTests.Name)]
public class OutboxHostingTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private IHost BuildHost(FakeConnector connector, IOutboxDeliveryHandler? handler = null, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Outbox:PollInterval"] = "00:00:01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IConnectorClient>(connector);
        if (handler is not null)
        {
            builder.Services.AddSingleton(handler);
        }

        builder.Services.AddTableStorage(builder.Configuration);
        builder.Services.AddOutbox();
        return builder.Build();
    }

    [Fact]
    public async Task The_hosted_worker_sends_what_is_enqueued_and_tells_the_delivery_handler()
    {
        var connector = new FakeConnector(time);
        var delivered = new TaskCompletionSource<OutboxDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = BuildHost(connector, new CallbackHandler(d => delivered.TrySetResult(d)));
        await host.StartAsync();
        try
        {
            var outbox = host.Services.GetRequiredService<IOutbox>();
            var id = await outbox.EnqueueAsync(OutboxMessage.Send("https://service/", "a:1xyz", Activity.CreateMessage("hello"), new DeliveryTag("workflow", "1")));

            // The worker sleeps on the fake clock: move it a poll interval at a time until it delivers.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!delivered.Task.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(delivered.Task, Task.Delay(20, timeout.Token));
            }

            var delivery = await delivered.Task;
            Assert.Equal((id, new DeliveryTag("workflow", "1"), "a:1xyz"), (delivery.EntryId, delivery.Tag, delivery.ConversationId));
            Assert.IsType<ConversationReferenceRepository>(host.Services.GetRequiredService<IConversationReferences>());
            Assert.Single(connector.Calls);
            Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id))!.Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_enqueue_wakes_the_worker_at_once_without_waiting_for_the_next_poll()
    {
        var connector = new FakeConnector(time);
        var delivered = new TaskCompletionSource<OutboxDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = BuildHost(connector, new CallbackHandler(d => delivered.TrySetResult(d)), new() { ["Outbox:PollInterval"] = "00:10:00" });
        await host.StartAsync();
        try
        {
            // Let the worker's first (empty) pass finish and go to sleep for the ten-minute poll interval.
            await Task.Delay(200);

            await host.Services.GetRequiredService<IOutbox>().EnqueueAsync(OutboxMessage.Send("https://service/", "a:1xyz", Activity.CreateMessage("urgent")));

            // The fake clock never moves: only the wake-up can get the message out.
            var winner = await Task.WhenAny(delivered.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.Same(delivered.Task, winner);
            Assert.Single(connector.Calls);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Start_fails_with_the_setting_name_when_outbox_options_are_invalid()
    {
        using var host = BuildHost(new FakeConnector(time), settings: new() { ["Outbox:BatchSize"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_fails_with_the_setting_name_when_the_delivery_deadline_is_not_positive()
    {
        using var host = BuildHost(new FakeConnector(time), settings: new() { ["Outbox:DeliveryDeadline"] = "00:00:00" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("DeliveryDeadline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_the_outbox_section_and_keep_sane_defaults_for_the_rest()
    {
        using var host = BuildHost(new FakeConnector(time), settings: new() { ["Outbox:DeliveryDeadline"] = "06:00:00" });

        var options = host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(TimeSpan.FromHours(6), options.DeliveryDeadline);
        Assert.Equal(new OutboxOptions().BatchSize, options.BatchSize);
        Assert.InRange(options.BatchSize, 10, 100);
        Assert.InRange(options.LeaseDuration, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
    }

    private sealed class CallbackHandler(Action<OutboxDelivery> callback) : IOutboxDeliveryHandler
    {
        public string? Kind => null;

        public Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
        {
            callback(delivery);
            return Task.CompletedTask;
        }
    }
}
