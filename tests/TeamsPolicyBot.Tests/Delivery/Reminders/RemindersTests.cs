using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery.Reminders;

/// <summary>Durable one-shot timers on Azurite, under a fake clock.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RemindersTests(AzuriteFixture azurite)
{
    private static readonly ReminderKind Acknowledge = new("incident", "acknowledge");
    private static readonly ReminderKey Key = Acknowledge.For("INC-2026-0007");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector logs = new();
    private readonly ReminderOptions options = new()
    {
        PollInterval = TimeSpan.FromSeconds(1),
        FirstRetryDelay = TimeSpan.FromSeconds(10),
        MaxAttempts = 3,
        LeaseDuration = TimeSpan.FromMinutes(1),
    };

    private readonly RecordingHandler handler = new();

    private async Task<ReminderStore> NewStoreAsync() => new(await azurite.CreateTablesAsync(), time);

    private ReminderScheduler Reminders(ReminderStore store) => new(store, time);

    private ReminderProcessor Processor(ReminderStore store, params IReminderHandler[] handlers) =>
        new(store, handlers.Length == 0 ? [handler] : handlers, Options.Create(options), time, new FakeLogger<ReminderProcessor>(logs));

    [Fact]
    public async Task A_reminder_fires_once_when_due_and_not_before()
    {
        var store = await NewStoreAsync();
        var processor = Processor(store);
        Assert.True(await Reminders(store).ScheduleAsync(Key, time.GetUtcNow().AddMinutes(30)));

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Empty(handler.Calls);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));

        Assert.Equal([Key], handler.Calls);
        var stored = await store.GetAsync(Key.ToString(), CancellationToken.None);
        Assert.Equal((ReminderStatus.Fired, 1), (stored!.State, stored.Attempts));
    }

    [Fact]
    public async Task A_reminder_stored_as_a_typed_entity_by_an_earlier_version_is_read_fired_and_kept_in_the_same_column_types()
    {
        // Until 2026-12 reminders were written through the Tables SDK's typed entities; those rows must still work.
        var storage = await azurite.CreateTablesAsync();
        var store = new ReminderStore(storage, time);
        var table = storage.GetTable(TableNames.Reminders);
        var due = time.GetUtcNow().AddMinutes(5);
        await table.AddEntityAsync(new EarlierReminderRow { RowKey = TableKey.Encode(Key.ToString()), Key = Key.ToString(), DueAt = due, NextAttemptAt = due, ScheduledAt = time.GetUtcNow() });

        var read = await store.GetAsync(Key.ToString(), CancellationToken.None);
        Assert.Equal((ReminderStatus.Scheduled, due, 0), (read!.State, read.NextAttemptAt, read.Attempts));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Processor(store).RunOnceAsync(CancellationToken.None));

        Assert.Equal([Key], handler.Calls);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(ReminderStore.Partition, TableKey.Encode(Key.ToString()))).Value;
        Assert.Equal(("Fired", 1), (row.GetString("Status"), row.GetInt32("Attempts")));
        Assert.IsType<DateTimeOffset>(row["DueAt"]);
        Assert.Equal(due, (await table.GetEntityAsync<EarlierReminderRow>(ReminderStore.Partition, TableKey.Encode(Key.ToString()))).Value.DueAt);
    }

    /// <summary>The reminder row as the SDK's typed binding wrote it before reminders were mapped by hand.</summary>
    private sealed class EarlierReminderRow : Azure.Data.Tables.ITableEntity
    {
        public string PartitionKey { get; set; } = ReminderStore.Partition;

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public Azure.ETag ETag { get; set; }

        public string Key { get; set; } = "";

        public string Status { get; set; } = "Scheduled";

        public DateTimeOffset DueAt { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset ScheduledAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public string? LastError { get; set; }
    }

    [Fact]
    public async Task A_cancelled_reminder_never_fires()
    {
        var store = await NewStoreAsync();
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow().AddMinutes(30));

        Assert.True(await Reminders(store).CancelAsync(Key));
        time.Advance(TimeSpan.FromHours(1));
        await Processor(store).RunOnceAsync(CancellationToken.None);

        Assert.Empty(handler.Calls);
        Assert.True(await Reminders(store).CancelAsync(Key));
    }

    [Fact]
    public async Task A_cancel_that_arrives_before_the_schedule_wins()
    {
        var store = await NewStoreAsync();

        Assert.True(await Reminders(store).CancelAsync(Key));
        Assert.False(await Reminders(store).ScheduleAsync(Key, time.GetUtcNow().AddMinutes(1)));
        time.Advance(TimeSpan.FromHours(1));
        await Processor(store).RunOnceAsync(CancellationToken.None);

        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task Cancelling_after_it_fired_says_it_is_too_late()
    {
        var store = await NewStoreAsync();
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow());
        await Processor(store).RunOnceAsync(CancellationToken.None);

        Assert.False(await Reminders(store).CancelAsync(Key));
    }

    [Fact]
    public async Task Scheduling_the_same_key_again_changes_nothing_and_it_fires_once()
    {
        var store = await NewStoreAsync();
        var due = time.GetUtcNow().AddMinutes(30);

        Assert.True(await Reminders(store).ScheduleAsync(Key, due));
        Assert.False(await Reminders(store).ScheduleAsync(Key, due));
        Assert.False(await Reminders(store).ScheduleAsync(Key, due.AddHours(1)));

        time.Advance(TimeSpan.FromMinutes(30));
        await Processor(store).RunOnceAsync(CancellationToken.None);
        Assert.False(await Reminders(store).ScheduleAsync(Key, time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(2));
        await Processor(store).RunOnceAsync(CancellationToken.None);

        Assert.Equal([Key], handler.Calls);
        Assert.Equal(due, (await store.GetAsync(Key.ToString(), CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task Two_processors_racing_for_the_same_reminders_call_the_handler_exactly_once_each()
    {
        var store = await NewStoreAsync();
        var keys = Enumerable.Range(1, 10).Select(i => Acknowledge.For($"INC-2026-{i:D4}")).ToList();
        foreach (var key in keys)
        {
            await Reminders(store).ScheduleAsync(key, time.GetUtcNow());
        }

        // Both read the same due rows before either claims: only the ETag decides.
        var slow = new RecordingHandler { Delay = TimeSpan.FromMilliseconds(5) };
        var first = Processor(store, slow);
        var second = Processor(store, slow);
        var fired = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        Assert.Equal(10, fired.Sum());
        Assert.Equal(keys.Select(key => key.ToString()).Order(StringComparer.Ordinal), slow.Calls.Select(key => key.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reminder_survives_a_restart()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var before = new ReminderStore(await azurite.CreateTablesAsync(prefix), time);
        await Reminders(before).ScheduleAsync(Key, time.GetUtcNow().AddMinutes(30));
        await Processor(before).RunOnceAsync(CancellationToken.None);

        // A new process: new store, new processor, the same table.
        var after = new ReminderStore(new TableStorage(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), prefix), time);
        time.Advance(TimeSpan.FromMinutes(31));
        await Processor(after).RunOnceAsync(CancellationToken.None);

        Assert.Equal([Key], handler.Calls);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_after_the_backoff_and_then_never_again()
    {
        var store = await NewStoreAsync();
        var processor = Processor(store);
        handler.FailuresLeft = 1;
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow());

        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal((ReminderStatus.Scheduled, 1), ((await store.GetAsync(Key.ToString(), CancellationToken.None))!.State, (await store.GetAsync(Key.ToString(), CancellationToken.None))!.Attempts));
        time.Advance(options.FirstRetryDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromHours(1));
        await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal([Key, Key], handler.Calls);
        var stored = await store.GetAsync(Key.ToString(), CancellationToken.None);
        Assert.Equal((ReminderStatus.Fired, 2), (stored!.State, stored.Attempts));
        var retry = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(nameof(InvalidOperationException), retry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("handler exploded", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_given_up_on_after_the_maximum_attempts()
    {
        var store = await NewStoreAsync();
        var processor = Processor(store);
        handler.FailuresLeft = int.MaxValue;
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow());

        for (var i = 0; i < 10; i++)
        {
            await processor.RunOnceAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(options.MaxAttempts, handler.Calls.Count);
        Assert.Equal(ReminderStatus.Failed, (await store.GetAsync(Key.ToString(), CancellationToken.None))!.State);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(Key.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_left_by_an_instance_that_died_is_taken_over_after_the_lease()
    {
        var store = await NewStoreAsync();
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow());
        var hanging = new RecordingHandler { Hang = true };
        using var crash = new CancellationTokenSource();
        var dying = Processor(store, hanging).RunOnceAsync(crash.Token);
        await WaitUntilAsync(() => hanging.Calls.Count == 1);
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);

        await Processor(store).RunOnceAsync(CancellationToken.None);
        Assert.Empty(handler.Calls);
        time.Advance(options.LeaseDuration);
        await Processor(store).RunOnceAsync(CancellationToken.None);

        Assert.Equal([Key], handler.Calls);
        Assert.Equal(ReminderStatus.Fired, (await store.GetAsync(Key.ToString(), CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_handler_is_given_only_the_kind_of_reminder_it_declared()
    {
        var store = await NewStoreAsync();
        var take = new ReminderKind("support", "take");
        var takeHandler = new RecordingHandler { Kind = take };
        await Reminders(store).ScheduleAsync(Key, time.GetUtcNow());
        await Reminders(store).ScheduleAsync(take.For("SUP-2026-0003"), time.GetUtcNow());
        await Reminders(store).ScheduleAsync(new ReminderKind("incident", "close").For("INC-2026-0007"), time.GetUtcNow());

        Assert.Equal(3, await Processor(store, handler, takeHandler).RunOnceAsync(CancellationToken.None));

        Assert.Equal([Key], handler.Calls);
        Assert.Equal([take.For("SUP-2026-0003")], takeHandler.Calls);
    }

    [Theory]
    [InlineData("incident/INC-2026-0007/acknowledge", "incident", "INC-2026-0007", "acknowledge")]
    [InlineData("support/SUP-2026-0003/take", "support", "SUP-2026-0003", "take")]
    public void A_stored_key_reads_back_as_its_kind_and_reference_and_is_stored_the_same_again(string stored, string about, string reference, string purpose)
    {
        var key = ReminderKey.Parse(stored);

        Assert.Equal(new ReminderKind(about, purpose).For(reference), key);
        Assert.Equal(stored, key!.ToString());
    }

    [Theory]
    [InlineData("incident/acknowledge")]
    [InlineData("incident//acknowledge")]
    [InlineData("/INC-2026-0007/acknowledge")]
    [InlineData("incident/INC-2026-0007/")]
    public void A_stored_key_without_a_kind_and_reference_reads_back_as_none(string stored) => Assert.Null(ReminderKey.Parse(stored));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class RecordingHandler : IReminderHandler
    {
        public ReminderKind Kind { get; init; } = Acknowledge;

        public ConcurrentQueue<ReminderKey> Calls { get; } = new();

        public int FailuresLeft { get; set; }

        public TimeSpan Delay { get; init; }

        public bool Hang { get; init; }

        public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
        {
            Calls.Enqueue(key);
            if (Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            await Task.Delay(Delay, cancellationToken);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("handler exploded");
            }
        }
    }
}
