using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>The reminder for an urgent incident nobody took in time, against Azurite with the messenger mocked.</summary>
[Collection(AzuriteTests.Name)]
public sealed class UnacknowledgedIncidentReminderTests
{
    private readonly AzuriteFixture azurite;
    private const string SeniorManager = "3f0b9c2e-4444-4a6b-9c1d-000000000004";
    private readonly FakeTimeProvider time = new(IncidentSamples.ReportedAt.AddMinutes(31));
    private readonly Mock<IProactiveMessenger> messenger = new();
    private readonly List<(string Text, string? Key)> threadReplies = [];
    private readonly List<(string Contact, string? Key)> contactMessages = [];

    public UnacknowledgedIncidentReminderTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        messenger.Setup(m => m.ReplyInThreadAsync(It.IsAny<MessageLocation>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<MessageLocation, Activity, CancellationToken, string?>((_, activity, _, key) => threadReplies.Add((activity.Text!, key)))
            .Returns(Task.CompletedTask);
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<DeliveryTag?>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<string, Activity, DeliveryTag?, CancellationToken, string?>((contact, _, _, _, key) => contactMessages.Add((contact, key)))
            .ReturnsAsync(PersonReach.Queued("entry"));
    }

    private async Task<(IIncidents Store, UnacknowledgedIncidentReminder Reminder, Incident Incident)> ArrangeAsync(Func<Incident, Incident>? change = null)
    {
        var store = new IncidentRepository(await azurite.CreateTablesAsync());
        var incident = IncidentSamples.Reported() with
        {
            TriageCard = new MessageLocation("https://service/", "19:comms@thread.tacv2;messageid=9001", "9001"),
        };
        incident = change?.Invoke(incident) ?? incident;
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(incident));
        var reminder = new UnacknowledgedIncidentReminder(
            store,
            new NotTakenInTimeNotices(messenger.Object, NullLogger<NotTakenInTimeNotices>.Instance),
            Options.Create(new CommsOptions { ChannelId = "19:comms@thread.tacv2" }),
            Options.Create(new IncidentOptions { AcknowledgeWithinMinutes = 30 }),
            Options.Create(new EscalationOptions { ContactIds = [SeniorManager] }),
            time);
        return (store, reminder, incident);
    }

    [Fact]
    public async Task An_urgent_incident_nobody_took_reminds_the_thread_and_tells_the_escalation_contacts_and_is_recorded()
    {
        var (store, reminder, incident) = await ArrangeAsync();

        await reminder.HandleAsync(UnacknowledgedIncidentReminder.Key(incident), CancellationToken.None);

        var reply = Assert.Single(threadReplies);
        Assert.Contains($"{incident.Reference} has not been taken by anyone in Comms within 30 minutes", reply.Text, StringComparison.Ordinal);
        Assert.Equal(SeniorManager, Assert.Single(contactMessages).Contact);
        Assert.Contains((await store.GetAsync(incident.Reference))!.Record.Audit, entry => entry.Action == IncidentAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task Running_again_after_a_crash_queues_under_the_same_keys_and_records_once()
    {
        var (store, reminder, incident) = await ArrangeAsync();
        var key = UnacknowledgedIncidentReminder.Key(incident);

        await reminder.HandleAsync(key, CancellationToken.None);
        await reminder.HandleAsync(key, CancellationToken.None);

        Assert.Equal(2, threadReplies.Count);
        Assert.Equal(threadReplies[0].Key, threadReplies[1].Key);
        Assert.Equal(contactMessages[0].Key, contactMessages[1].Key);
        Assert.Single((await store.GetAsync(incident.Reference))!.Record.Audit, entry => entry.Action == IncidentAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task An_incident_taken_in_time_sends_nothing()
    {
        var (_, reminder, incident) = await ArrangeAsync(i => i.Take(IncidentSamples.Triager, IncidentSamples.ReportedAt.AddMinutes(5)).Next!);

        await reminder.HandleAsync(UnacknowledgedIncidentReminder.Key(incident), CancellationToken.None);

        Assert.Empty(threadReplies);
        Assert.Empty(contactMessages);
    }

    [Fact]
    public async Task Other_reminders_are_left_to_their_own_handlers()
    {
        var (_, reminder, incident) = await ArrangeAsync();
        var reminders = new ReminderStore(await azurite.CreateTablesAsync(), time);
        await new ReminderScheduler(reminders, time).ScheduleAsync(new ReminderKind("account-request", "audit").For(incident.Reference), time.GetUtcNow());

        await new ReminderProcessor(reminders, [reminder], Options.Create(new ReminderOptions()), time, NullLogger<ReminderProcessor>.Instance).RunOnceAsync(CancellationToken.None);

        Assert.Empty(threadReplies);
    }
}
