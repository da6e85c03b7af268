using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery.Reminders;

[Collection(AzuriteTests.Name)]
public sealed class ReminderHostingTests(AzuriteFixture azurite)
{
    private static readonly ReminderKind Acknowledge = new("incident", "acknowledge");

    [Fact]
    public async Task The_hosted_worker_fires_a_due_reminder_through_the_registered_handlers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var fired = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Reminders:PollInterval"] = "00:00:05",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IReminderHandler>(new CallbackHandler(key => fired.TrySetResult(key)));
        builder.Services.AddTableStorage(builder.Configuration);
        builder.Services.AddReminders();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IReminders>().ScheduleAsync(Acknowledge.For("INC-2026-0007"), time.GetUtcNow().AddMinutes(30));

            // The worker sleeps on the fake clock: move it a poll interval at a time until it fires.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!fired.Task.IsCompleted)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                await Task.WhenAny(fired.Task, Task.Delay(20, timeout.Token));
            }

            Assert.Equal("incident/INC-2026-0007/acknowledge", await fired.Task);
            Assert.True(time.GetUtcNow() >= new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class CallbackHandler(Action<string> onFired) : IReminderHandler
    {
        public ReminderKind Kind => Acknowledge;

        public Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
        {
            onFired(key.ToString());
            return Task.CompletedTask;
        }
    }
}
