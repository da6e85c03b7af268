using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Delivery;

/// <summary>The table contract the worker relies on, pinned without the worker's timing in the way.</summary>
[Collection(AzuriteTests.Name)]
public class OutboxStoreTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private async Task<OutboxStore> NewStoreAsync() => new(await azurite.CreateTablesAsync(), time);

    private static OutboxMessage Message(string text) => OutboxMessage.Send("https://service/", "a:1", Activity.CreateMessage(text));

    private static OutboxRecord Claimed(OutboxRecord entry, string claimId) =>
        entry with { Status = OutboxStatus.Sending, Attempts = entry.Attempts + 1, ClaimId = claimId };

    [Fact]
    public async Task A_message_enqueued_again_under_the_same_idempotency_key_is_the_same_entry()
    {
        var store = await NewStoreAsync();
        var keyed = Message("hello") with { IdempotencyKey = "account-request/SMA-2026-0001/v1/channel-card" };

        var first = await store.EnqueueAsync(keyed);
        var again = await store.EnqueueAsync(keyed);
        var other = await store.EnqueueAsync(Message("hello") with { IdempotencyKey = "account-request/SMA-2026-0002/v1/channel-card" });
        var unkeyed = await store.EnqueueAsync(Message("hello"));

        Assert.Equal(first, again);
        Assert.Equal(3, new[] { first, other, unkeyed }.Distinct().Count());
        var due = await store.ReadDueAsync(time.GetUtcNow().AddSeconds(1), 100).ToListAsync();
        Assert.Equal(3, due.Count);
    }

    [Theory]
    [InlineData(OutboxStatus.Sent)]
    [InlineData(OutboxStatus.Failed)]
    [InlineData(OutboxStatus.InDoubt)]
    public async Task A_finished_entry_keeps_its_bookkeeping_and_none_of_what_it_said(OutboxStatus finished)
    {
        var storage = await azurite.CreateTablesAsync();
        var store = new OutboxStore(storage, time);
        var id = await store.EnqueueAsync(Message("Priya Shah reported harassment by a named colleague") with { IdempotencyKey = "support/HSR-2026-0001/manager" });
        var pending = (await store.LoadAsync(id))!;
        var sending = (await store.TransitionAsync(pending, Claimed(pending, "a"), time.GetUtcNow().AddMinutes(1), dueIsLease: true))!;

        var done = await store.TransitionAsync(sending, sending with { Status = finished, CompletedAt = time.GetUtcNow(), ClaimId = null }, null, dueIsLease: false);

        Assert.NotNull(done);
        var rows = await storage.GetTable(TableNames.Outbox).QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(rows.SelectMany(row => row.Select(property => property.Value)), value => value is string text && text.Contains("Priya", StringComparison.Ordinal));
        var entry = (await store.GetAsync(id))!;
        Assert.Equal((finished, "support/HSR-2026-0001/manager"), (entry.Status, entry.IdempotencyKey));
    }

    [Fact]
    public async Task A_pending_entry_keeps_what_it_will_send()
    {
        var storage = await azurite.CreateTablesAsync();
        var id = await new OutboxStore(storage, time).EnqueueAsync(Message("Your request SMA-2026-0001 was approved"));

        var row = await storage.GetTable(TableNames.Outbox).GetEntityAsync<TableEntity>(OutboxKeys.Partition, OutboxKeys.EntryRowKey(id));

        Assert.Contains(row.Value.Select(property => property.Value), value => value is string text && text.Contains("SMA-2026-0001 was approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Of_two_claims_made_from_the_same_read_exactly_one_wins()
    {
        var store = await NewStoreAsync();
        var id = await store.EnqueueAsync(Message("hello"));
        var seenByA = (await store.LoadAsync(id))!;
        var seenByB = (await store.LoadAsync(id))!;
        var lease = time.GetUtcNow().AddMinutes(1);

        var a = await store.TransitionAsync(seenByA, Claimed(seenByA, "a"), lease, dueIsLease: true);
        var b = await store.TransitionAsync(seenByB, Claimed(seenByB, "b"), lease.AddSeconds(1), dueIsLease: true);

        Assert.NotNull(a);
        Assert.Null(b);
        Assert.Equal("a", (await store.LoadAsync(id))!.ClaimId);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_is_refused_even_when_no_due_row_is_involved()
    {
        var store = await NewStoreAsync();
        var id = await store.EnqueueAsync(Message("hello"));
        var pending = (await store.LoadAsync(id))!;
        await store.TransitionAsync(pending, pending with { Status = OutboxStatus.InDoubt }, dueAt: null, dueIsLease: false);
        var stale = (await store.LoadAsync(id))!;
        var fresh = await store.TransitionAsync(stale, stale with { Status = OutboxStatus.Sent, DeliveredActivityId = "1" }, dueAt: null, dueIsLease: false);

        var overwrite = await store.TransitionAsync(stale, stale with { Status = OutboxStatus.Failed }, dueAt: null, dueIsLease: false);

        Assert.NotNull(fresh);
        Assert.Null(overwrite);
        Assert.Equal(OutboxStatus.Sent, (await store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_transition_moves_the_due_row_with_the_entry()
    {
        var store = await NewStoreAsync();
        var id = await store.EnqueueAsync(Message("hello"));
        var entry = (await store.LoadAsync(id))!;
        var lease = time.GetUtcNow().AddMinutes(1);

        await store.TransitionAsync(entry, Claimed(entry, "a"), lease, dueIsLease: true);

        Assert.Empty(await DueAsync(store, time.GetUtcNow().AddSeconds(59)));
        var due = Assert.Single(await DueAsync(store, lease));
        Assert.Equal((id, true), (due.EntryId, due.IsLease));
    }

    [Fact]
    public async Task Finished_entries_leave_no_due_row_so_polls_never_read_them()
    {
        var store = await NewStoreAsync();
        var id = await store.EnqueueAsync(Message("hello"));
        var entry = (await store.LoadAsync(id))!;

        var done = await store.TransitionAsync(entry, entry with { Status = OutboxStatus.Sent, CompletedAt = time.GetUtcNow() }, dueAt: null, dueIsLease: false);

        Assert.Null(done!.DueRowKey);
        Assert.Empty(await DueAsync(store, time.GetUtcNow().AddYears(1)));
        Assert.Equal(OutboxStatus.Sent, (await store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Due_rows_come_back_oldest_first_and_only_once_due()
    {
        var store = await NewStoreAsync();
        var first = await store.EnqueueAsync(Message("1"));
        var second = await store.EnqueueAsync(Message("2"));
        time.Advance(TimeSpan.FromSeconds(5));
        var later = await store.EnqueueAsync(Message("3"));

        Assert.Equal([first, second], (await DueAsync(store, time.GetUtcNow().AddSeconds(-1))).Select(d => d.EntryId));
        Assert.Equal([first, second, later], (await DueAsync(store, time.GetUtcNow())).Select(d => d.EntryId));
    }

    [Fact]
    public async Task Entry_ids_are_unique_and_increase_even_when_the_clock_stands_still()
    {
        var store = await NewStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await store.EnqueueAsync(Message("x")));
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static async Task<List<OutboxDueRow>> DueAsync(OutboxStore store, DateTimeOffset now)
    {
        var rows = new List<OutboxDueRow>();
        await foreach (var row in store.ReadDueAsync(now, 100))
        {
            rows.Add(row);
        }

        return rows;
    }
}
