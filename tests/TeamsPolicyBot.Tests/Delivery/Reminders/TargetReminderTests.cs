using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Delivery.Reminders;

/// <summary>
/// The time-target reminders of the three workflows, scheduled as the follow-ups schedule them and fired by the real
/// reminder processor against Azurite, with the clock faked and the messenger mocked.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TargetReminderTests(AzuriteFixture azurite)
{
    private static readonly MessageLocation Thread = new("https://service/", "19:comms@thread.tacv2;messageid=9001", "9001");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 4, 9, 12, 0, TimeSpan.Zero));
    private readonly List<(string Text, string? Key)> replies = [];

    private readonly IOptions<TargetsOptions> targets = Options.Create(new TargetsOptions
    {
        DecideAccountRequestWithin = TimeSpan.FromDays(10),
        TakeIncidentWithin = TimeSpan.FromDays(1),
        TakeSupportReferralWithin = TimeSpan.FromDays(1),
    });

    private IProactiveMessenger Messenger()
    {
        var messenger = new Mock<IProactiveMessenger>(MockBehavior.Strict);
        messenger.Setup(m => m.ReplyInThreadAsync(Thread, It.IsAny<Activity>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<MessageLocation, Activity, CancellationToken, string?>((_, activity, _, key) => replies.Add((activity.Text!, key)))
            .Returns(Task.CompletedTask);
        return messenger.Object;
    }

    private sealed record Setup(ReminderScheduler Reminders, ReminderProcessor Processor);

    private Setup RemindersFor(TableStorage storage, IReminderHandler handler)
    {
        var store = new ReminderStore(storage, time);
        var options = Options.Create(new ReminderOptions { PollInterval = TimeSpan.FromSeconds(1), MaxAttempts = 3, LeaseDuration = TimeSpan.FromMinutes(1) });
        return new(new ReminderScheduler(store, time), new ReminderProcessor(store, [handler], options, time, NullLogger<ReminderProcessor>.Instance));
    }

    private async Task<(IIncidents Store, Setup Reminders, Incident Incident)> IncidentAsync(string urgency)
    {
        var storage = await azurite.CreateTablesAsync();
        var store = new IncidentRepository(storage);
        var incident = IncidentSamples.Reported(inputs => inputs["urgency"] = urgency) with { CreatedAt = time.GetUtcNow(), TriageCard = Thread };
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(incident));
        var reminders = RemindersFor(storage, new IncidentTargetReminder(store, Messenger(), targets, time));
        await reminders.Reminders.ScheduleAsync(IncidentTargetReminder.Key(incident), IncidentTargetReminder.DueAt(incident.CreatedAt, targets.Value.TakeIncidentWithin));
        return (store, reminders, incident);
    }

    [Fact]
    public async Task A_normal_incident_nobody_took_reminds_its_thread_once_at_80_percent_of_its_target()
    {
        var (_, reminders, incident) = await IncidentAsync("normal");

        time.Advance(TimeSpan.FromHours(19.2) - TimeSpan.FromMinutes(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        Assert.Empty(replies);

        time.Advance(TimeSpan.FromMinutes(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(6));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        var reply = Assert.Single(replies);
        Assert.Equal($"{incident.Reference} has waited 19 hours; the team's target is to take it within 1 day.", reply.Text);
        Assert.Equal($"incident/{incident.Reference}/take-target/thread", reply.Key);
    }

    [Fact]
    public async Task A_normal_incident_taken_in_time_is_not_reminded()
    {
        var (store, reminders, incident) = await IncidentAsync("normal");
        await store.ApplyAsync(incident.Reference, i => i.Take(IncidentSamples.Triager, time.GetUtcNow().AddHours(2)), CancellationToken.None);

        time.Advance(TimeSpan.FromDays(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(replies);
    }

    [Fact]
    public async Task An_urgent_incident_gets_no_target_reminder_it_has_its_own()
    {
        // Even with the key scheduled by mistake: an urgent incident is reminded by UnacknowledgedIncidentReminder only.
        var (_, reminders, _) = await IncidentAsync("urgent");

        time.Advance(TimeSpan.FromDays(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(replies);
    }

    private async Task<(ISupportReferrals Store, Setup Reminders, SupportReferral Referral)> ReferralAsync(bool urgent)
    {
        var storage = await azurite.CreateTablesAsync();
        var store = new SupportReferralRepository(storage);
        var referral = SupportSamples.Requested(inputs => inputs["feelsUnsafe"] = urgent ? "true" : "false") with { CreatedAt = time.GetUtcNow(), ChannelCard = Thread };
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(referral));
        var reminders = RemindersFor(storage, new ReferralTargetReminder(store, Messenger(), targets, time));
        await reminders.Reminders.ScheduleAsync(ReferralTargetReminder.Key(referral), ReferralTargetReminder.DueAt(referral.CreatedAt, targets.Value.TakeSupportReferralWithin));
        return (store, reminders, referral);
    }

    [Fact]
    public async Task A_normal_referral_nobody_took_reminds_its_thread_once_by_reference_only()
    {
        var (_, reminders, referral) = await ReferralAsync(urgent: false);

        time.Advance(TimeSpan.FromHours(19.2));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(6));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        // The channel may not know anything the person typed, nor who they are.
        var reply = Assert.Single(replies);
        Assert.Equal($"{referral.Reference} has waited 19 hours; the team's target is to take it within 1 day.", reply.Text);
        Assert.DoesNotContain("angry_reader", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SupportSamples.Person.Name, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_taken_in_time_or_an_urgent_one_is_not_reminded()
    {
        var (takenStore, taken, referral) = await ReferralAsync(urgent: false);
        await takenStore.ApplyAsync(referral.Reference, r => r.Take(SupportSamples.Handler, time.GetUtcNow().AddHours(1)), CancellationToken.None);
        var (_, urgent, _) = await ReferralAsync(urgent: true);

        time.Advance(TimeSpan.FromDays(1));
        await taken.Processor.RunOnceAsync(CancellationToken.None);
        await urgent.Processor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(replies);
    }

    private async Task<(IAccountRequests Store, Setup Reminders, AccountRequest Request)> AccountRequestAsync()
    {
        var storage = await azurite.CreateTablesAsync();
        var store = new AccountRequestRepository(storage);
        var request = AccountRequestSamples.Pending() with { CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow(), ApprovalCard = Thread };
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(request));
        var reminders = RemindersFor(storage, new AccountRequestTargetReminder(store, Messenger(), targets, time));
        await reminders.Reminders.ScheduleAsync(AccountRequestTargetReminder.Key(request), AccountRequestTargetReminder.DueAt(request.SubmittedAt, targets.Value.DecideAccountRequestWithin));
        return (store, reminders, request);
    }

    [Fact]
    public async Task A_pending_account_request_reminds_its_thread_once_at_80_percent_of_the_decision_target()
    {
        var (_, reminders, request) = await AccountRequestAsync();

        time.Advance(TimeSpan.FromDays(8) - TimeSpan.FromMinutes(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        Assert.Empty(replies);

        time.Advance(TimeSpan.FromMinutes(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal($"{request.Reference} has waited 8 days; the team's target is to decide it within 10 days.", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task A_request_decided_in_time_is_not_reminded()
    {
        var (store, reminders, request) = await AccountRequestAsync();
        await store.ApplyAsync(request.Reference, r => r.Approve(AccountRequestSamples.Approver, time.GetUtcNow().AddDays(2)), CancellationToken.None);

        time.Advance(TimeSpan.FromDays(9));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(replies);
    }

    [Fact]
    public async Task A_resubmitted_request_gets_a_fresh_reminder_counted_from_its_resubmission_and_the_old_one_stays_silent()
    {
        var (store, reminders, request) = await AccountRequestAsync();
        await store.ApplyAsync(request.Reference, r => r.RequestChanges(AccountRequestSamples.Approver, "Please name a second administrator from the unit.", time.GetUtcNow().AddDays(1)), CancellationToken.None);
        var resubmittedAt = time.GetUtcNow().AddDays(3);
        var resubmitted = (await store.ApplyAsync(request.Reference, r => r.Resubmit(r.Details, AccountRequestSamples.RequesterActor, resubmittedAt, Guid.NewGuid().ToString()), CancellationToken.None)).Changed!;
        Assert.NotEqual(AccountRequestTargetReminder.Key(request), AccountRequestTargetReminder.Key(resubmitted));
        Assert.True(await reminders.Reminders.ScheduleAsync(AccountRequestTargetReminder.Key(resubmitted), AccountRequestTargetReminder.DueAt(resubmitted.SubmittedAt, targets.Value.DecideAccountRequestWithin)));

        // Version 1's reminder is due at 8 days: the request waits again, but as version 2, for 5 days only.
        time.Advance(TimeSpan.FromDays(8));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        Assert.Empty(replies);

        time.Advance(TimeSpan.FromDays(3));
        await reminders.Processor.RunOnceAsync(CancellationToken.None);
        Assert.Equal($"{request.Reference} has waited 8 days; the team's target is to decide it within 10 days.", Assert.Single(replies).Text);
        Assert.Equal($"account-request/{request.Reference}/2/decide-target/thread", replies[0].Key);
    }
}
