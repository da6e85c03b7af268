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

/// <summary>Many workers and many entries: claims that one worker wins, a crashed worker's entries, restarts, and one conversation's pace.</summary>
[Collection(AzuriteTests.Name)]
public class OutboxSharedWorkTests(AzuriteFixture azurite) : OutboxTestBase(azurite)
{
    [Fact]
    public async Task Workers_racing_over_the_same_entries_send_each_exactly_once()
    {
        var outbox = await NewOutboxAsync();
        // Slow sends widen the window in which the two workers could both pick an entry.
        Connector.Respond = async _ =>
        {
            await Task.Delay(2);
            return null;
        };
        var ids = new List<string>();
        for (var n = 0; n < 40; n++)
        {
            ids.Add(await outbox.EnqueueAsync(Message(n, conversationId: $"a:{n % 8}")));
        }

        var workers = Enumerable.Range(0, 4).Select(_ => NewWorker(outbox)).ToList();
        for (var round = 0; round < 10 && Connector.Calls.Count < ids.Count; round++)
        {
            await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunOnceAsync(CancellationToken.None))));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var texts = Connector.Calls.Select(c => c.Text).ToList();
        Assert.Equal(ids.Count, texts.Count);
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(n => $"message {n}").Order(), texts.Order());
        foreach (var id in ids)
        {
            Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id))!.Status);
        }
    }

    [Fact]
    public async Task An_entry_left_claimed_by_a_crashed_worker_is_marked_in_doubt_after_its_lease_and_not_resent()
    {
        var outbox = await NewOutboxAsync();
        var id = await outbox.EnqueueAsync(Message(1));
        // What a worker writes when it claims an entry, just before it crashes mid-send.
        var pending = (await outbox.LoadAsync(id))!;
        var leaseUntil = time.GetUtcNow() + options.LeaseDuration;
        Assert.NotNull(await outbox.TransitionAsync(pending, pending with { Status = OutboxStatus.Sending, Attempts = 1, ClaimId = "crashed", LeaseUntil = leaseUntil }, leaseUntil, dueIsLease: true));
        var survivor = NewWorker(outbox);

        time.Advance(options.LeaseDuration - TimeSpan.FromSeconds(1));
        await survivor.RunOnceAsync(CancellationToken.None);
        Assert.Equal(OutboxStatus.Sending, (await outbox.GetAsync(id))!.Status);

        time.Advance(TimeSpan.FromSeconds(1));
        await survivor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await survivor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(Connector.Calls);
        Assert.Equal(OutboxStatus.InDoubt, (await outbox.GetAsync(id))!.Status);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(id, StringComparison.Ordinal) && r.Message.Contains("in doubt", StringComparison.Ordinal));
        Assert.Equal(id, Assert.Single(failures.Failed).Id);
    }

    [Fact]
    public async Task A_send_that_outlives_its_lease_is_recorded_with_its_real_outcome_over_in_doubt_and_sent_once()
    {
        var outbox = await NewOutboxAsync();
        var deliveries = new RecordingHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Connector.Respond = async _ =>
        {
            called.TrySetResult();
            await release.Task;
            return null;
        };
        var id = await outbox.EnqueueAsync(Message(1));
        var slow = NewWorker(outbox, deliveries).RunOnceAsync(CancellationToken.None);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(10));

        time.Advance(options.LeaseDuration);
        await NewWorker(outbox).RunOnceAsync(CancellationToken.None);
        Assert.Equal(OutboxStatus.InDoubt, (await outbox.GetAsync(id))!.Status);
        release.SetResult();
        await slow;

        Assert.Single(Connector.Calls);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id))!.Status);
        Assert.Equal(id, Assert.Single(deliveries.Deliveries).EntryId);
    }

    [Fact]
    public async Task Pending_entries_survive_a_restart_and_are_sent_by_the_next_worker()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var beforeRestart = await NewOutboxAsync(prefix);
        var ids = new[] { await beforeRestart.EnqueueAsync(Message(1)), await beforeRestart.EnqueueAsync(Message(2)) };
        AnswerInOrder((ConnectorStatus.TransientFailure, 502, null, null));
        await NewWorker(beforeRestart).RunOnceAsync(CancellationToken.None);

        // A new process: new clients, new worker, nothing shared but the tables.
        var afterRestart = new OutboxStore(new TableStorage(new Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString), prefix), time);
        var worker = NewWorker(afterRestart);
        await RunUntilAsync(worker, () => Connector.Calls.Count(c => c.Text == "message 1") == 2 && Connector.Calls.Any(c => c.Text == "message 2"));

        Assert.All(ids, id => Assert.Equal(OutboxStatus.Sent, afterRestart.GetAsync(id).GetAwaiter().GetResult()!.Status));
    }

    [Fact]
    public async Task A_burst_to_one_conversation_never_exceeds_seven_sends_in_any_second_and_keeps_its_order()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        var start = time.GetUtcNow();
        for (var n = 0; n < 20; n++)
        {
            await outbox.EnqueueAsync(Message(n, conversationId: "19:busy@thread.tacv2"));
        }

        await outbox.EnqueueAsync(Message(99, conversationId: "a:someone-else"));

        await RunUntilAsync(worker, () => Connector.Calls.Count == 21);

        var busy = Connector.Calls.Where(c => c.ConversationId == "19:busy@thread.tacv2").ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(n => $"message {n}"), busy.Select(c => c.Text));
        for (var i = 0; i + 7 < busy.Count; i++)
        {
            Assert.True(busy[i + 7].At - busy[i].At >= TimeSpan.FromSeconds(1), $"sends {i}..{i + 7} within one second");
        }

        for (var i = 0; i + 8 < busy.Count; i++)
        {
            Assert.True(busy[i + 8].At - busy[i].At >= TimeSpan.FromSeconds(2), $"sends {i}..{i + 8} within two seconds");
        }

        // Paced, not stalled: the limits allow all 20 within 4 s, and the other conversation is not held back.
        Assert.True(busy[^1].At - start <= TimeSpan.FromSeconds(4), $"last send after {busy[^1].At - start}");
        Assert.Equal(start, Connector.Calls.Single(c => c.ConversationId == "a:someone-else").At);
    }
}
