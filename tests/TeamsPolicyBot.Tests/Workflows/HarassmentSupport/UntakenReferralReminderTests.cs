using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>The reminder for an urgent referral no case handler took in time, against Azurite with the messenger mocked and a fake clock.</summary>
[Collection(AzuriteTests.Name)]
public sealed class UntakenReferralReminderTests
{
    private const string SeniorManager = "3f0b9c2e-4444-4a6b-9c1d-000000000004";
    private const string ChannelId = "19:comms@thread.tacv2";

    /// <summary>What the person typed, their name and their manager's: none may be in any reminder.</summary>
    private static readonly string[] Secrets = ["angry", "home street", "fraud", "Mastodon", "1898000000000000000", "Priya", "Shah", "Alex Morgan", "alex.morgan"];

    private readonly AzuriteFixture azurite;
    private readonly FakeTimeProvider time = new(RequestedAt.AddMinutes(10));
    private readonly Mock<IProactiveMessenger> messenger = new();
    private readonly ConcurrentQueue<(string Text, string? Key)> threadReplies = new();
    private readonly ConcurrentQueue<(string Person, string Text, string? Key)> personalMessages = new();

    public UntakenReferralReminderTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        messenger.Setup(m => m.ReplyInThreadAsync(It.IsAny<MessageLocation>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<MessageLocation, Activity, CancellationToken, string?>((_, activity, _, key) => threadReplies.Enqueue((activity.Text!, key)))
            .Returns(Task.CompletedTask);
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<DeliveryTag?>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<string, Activity, DeliveryTag?, CancellationToken, string?>((person, activity, _, _, key) => personalMessages.Enqueue((person, activity.Text!, key)))
            .ReturnsAsync(PersonReach.Queued("entry"));
    }

    /// <summary>An urgent referral whose channel card was posted, stored; the handler reads the same table.</summary>
    private async Task<(ISupportReferrals Store, UntakenReferralReminder Reminder, SupportReferral Referral)> ArrangeAsync(Func<SupportReferral, SupportReferral>? change = null)
    {
        var store = new SupportReferralRepository(await azurite.CreateTablesAsync());
        var referral = Requested(i => i["feelsUnsafe"] = "true") with
        {
            ChannelCard = new MessageLocation("https://service/", ChannelId + ";messageid=9001", "9001"),
        };
        referral = change?.Invoke(referral) ?? referral;
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(referral));
        var reminder = new UntakenReferralReminder(
            store,
            new NotTakenInTimeNotices(messenger.Object, NullLogger<NotTakenInTimeNotices>.Instance),
            new ConfiguredPeople(Options.Create(new CommsOptions()), Options.Create(new SupportOptions { CaseHandlerIds = [Handler.AadObjectId, OtherHandler.AadObjectId] })),
            Options.Create(new SupportOptions { TakeWithinMinutes = 15 }),
            // The second case handler is an escalation contact as well: told once, as a case handler.
            Options.Create(new EscalationOptions { ContactIds = [SeniorManager, OtherHandler.AadObjectId] }),
            Options.Create(new CommsOptions { ChannelId = ChannelId }),
            time);
        return (store, reminder, referral);
    }

    [Fact]
    public async Task An_urgent_referral_nobody_took_reminds_the_case_handlers_the_contacts_and_the_thread_once_and_is_recorded()
    {
        var (store, reminder, referral) = await ArrangeAsync();
        time.Advance(TimeSpan.FromMinutes(7));

        await reminder.HandleAsync(UntakenReferralReminder.Key(referral), CancellationToken.None);

        var reply = Assert.Single(threadReplies).Text;
        Assert.Contains($"urgent support request {referral.Reference}", reply, StringComparison.Ordinal);
        Assert.Contains("has waited 17 minutes", reply, StringComparison.Ordinal);
        Assert.Contains("Take case", reply, StringComparison.Ordinal);
        Assert.Equal(
            [Handler.AadObjectId, OtherHandler.AadObjectId, SeniorManager],
            personalMessages.Select(m => m.Person));
        Assert.All(personalMessages, m => Assert.Contains($"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(ChannelId)}/9001", m.Text, StringComparison.Ordinal));
        Assert.Contains("escalation contact", personalMessages.Single(m => m.Person == SeniorManager).Text, StringComparison.Ordinal);
        Assert.Contains("Take it on", personalMessages.Single(m => m.Person == OtherHandler.AadObjectId).Text, StringComparison.Ordinal);
        Assert.Single((await store.GetAsync(referral.Reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task The_reminders_hold_no_name_and_none_of_the_typed_text()
    {
        var (_, reminder, referral) = await ArrangeAsync();

        await reminder.HandleAsync(UntakenReferralReminder.Key(referral), CancellationToken.None);

        var said = threadReplies.Select(r => r.Text).Concat(personalMessages.Select(m => m.Text)).ToList();
        Assert.Equal(4, said.Count);
        foreach (var secret in Secrets)
        {
            Assert.All(said, text => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_referral_taken_before_it_was_due_sends_nothing()
    {
        var (store, reminder, referral) = await ArrangeAsync(r => r.Take(Handler, RequestedAt.AddMinutes(5)).Next!);

        await reminder.HandleAsync(UntakenReferralReminder.Key(referral), CancellationToken.None);

        Assert.Empty(threadReplies);
        Assert.Empty(personalMessages);
        Assert.DoesNotContain((await store.GetAsync(referral.Reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task A_referral_closed_before_it_was_due_sends_nothing()
    {
        var (_, reminder, referral) = await ArrangeAsync(r => r.Take(Handler, RequestedAt.AddMinutes(2)).Next!.Close(Handler, "supportGiven", null, RequestedAt.AddMinutes(9)).Next!);

        await reminder.HandleAsync(UntakenReferralReminder.Key(referral), CancellationToken.None);

        Assert.Empty(threadReplies);
        Assert.Empty(personalMessages);
    }

    [Fact]
    public async Task A_referral_the_person_withdrew_before_it_was_due_sends_nothing()
    {
        var (store, reminder, referral) = await ArrangeAsync(r => r.Withdraw(Person, "I am safe now", RequestedAt.AddMinutes(3)).Next!);

        await reminder.HandleAsync(UntakenReferralReminder.Key(referral), CancellationToken.None);

        Assert.Empty(threadReplies);
        Assert.Empty(personalMessages);
        Assert.DoesNotContain((await store.GetAsync(referral.Reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task Running_again_after_a_crash_queues_under_the_same_keys_and_records_once()
    {
        var (store, reminder, referral) = await ArrangeAsync();
        var key = UntakenReferralReminder.Key(referral);

        await reminder.HandleAsync(key, CancellationToken.None);
        await reminder.HandleAsync(key, CancellationToken.None);

        Assert.Single(threadReplies.Select(r => r.Key).Distinct());
        Assert.Equal(3, personalMessages.Select(m => m.Key).Distinct().Count());
        Assert.Single((await store.GetAsync(referral.Reference))!.Record.Audit, entry => entry.Action == ReferralAuditActions.NotTakenInTime);
    }

    [Fact]
    public async Task Scheduled_for_when_it_is_due_it_fires_once_across_two_processors_and_not_before()
    {
        var (_, reminder, referral) = await ArrangeAsync();
        var reminders = new ReminderStore(await azurite.CreateTablesAsync(), time);
        await new ReminderScheduler(reminders, time).ScheduleAsync(UntakenReferralReminder.Key(referral), referral.CreatedAt.AddMinutes(15));
        ReminderProcessor Processor() => new(reminders, [reminder], Options.Create(new ReminderOptions()), time, NullLogger<ReminderProcessor>.Instance);
        var first = Processor();
        var second = Processor();

        Assert.Equal(0, await first.RunOnceAsync(CancellationToken.None));
        Assert.Empty(threadReplies);

        time.Advance(TimeSpan.FromMinutes(5));
        var fired = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, fired.Sum());
        Assert.Single(threadReplies);
        Assert.Equal(3, personalMessages.Count);
        Assert.Equal(0, await second.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Other_reminders_are_left_to_their_own_handlers()
    {
        var (_, reminder, referral) = await ArrangeAsync();
        var reminders = new ReminderStore(await azurite.CreateTablesAsync(), time);
        await new ReminderScheduler(reminders, time).ScheduleAsync(new ReminderKind("incident", "acknowledge").For(referral.Reference), time.GetUtcNow());

        await new ReminderProcessor(reminders, [reminder], Options.Create(new ReminderOptions()), time, NullLogger<ReminderProcessor>.Instance).RunOnceAsync(CancellationToken.None);

        Assert.Empty(threadReplies);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1441")]
    public void A_take_within_outside_one_minute_to_a_day_fails_validation_naming_the_setting(string minutes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Support:CaseHandlerIds:0"] = Handler.AadObjectId,
            ["Support:TakeWithinMinutes"] = minutes,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SupportOptions>>().Value);

        Assert.Contains("Support:TakeWithinMinutes", error.Message, StringComparison.Ordinal);
    }
}
