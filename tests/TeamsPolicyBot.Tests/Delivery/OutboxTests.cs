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

/// <summary>One entry's life in the outbox: sent once, retried while it may be, failed or in doubt when not, its delivery handlers told.</summary>
[Collection(AzuriteTests.Name)]
public class OutboxTests(AzuriteFixture azurite) : OutboxTestBase(azurite)
{
    [Fact]
    public async Task An_enqueued_message_is_stored_pending_and_then_sent_exactly_once()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);

        var id = await outbox.EnqueueAsync(Message(1, "19:abc@thread.tacv2;messageid=42", tag: new("incident", "7")));
        Assert.Equal(OutboxStatus.Pending, (await outbox.GetAsync(id))?.Status);
        Assert.Empty(Connector.Calls);

        await worker.RunOnceAsync(CancellationToken.None);
        time.Advance(options.LeaseDuration * 3);
        await worker.RunOnceAsync(CancellationToken.None);
        await NewWorker(outbox).RunOnceAsync(CancellationToken.None);

        var call = Assert.Single(Connector.Calls);
        Assert.Equal(("send", ServiceUrl, "19:abc@thread.tacv2;messageid=42", "message 1"), (call.Operation, call.ServiceUrl, call.ConversationId, call.Text));
        var entry = await outbox.GetAsync(id);
        Assert.NotNull(entry);
        Assert.Equal(OutboxStatus.Sent, entry.Status);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal("incident/7", entry.Correlation);
        Assert.Equal("19:abc@thread.tacv2;messageid=42", entry.DeliveredConversationId);
        Assert.NotNull(entry.DeliveredActivityId);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_backoff_and_then_sent()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((ConnectorStatus.TransientFailure, 503, null, null));
        var id = await outbox.EnqueueAsync(Message(1));

        await worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal((OutboxStatus.Pending, 1), ((await outbox.GetAsync(id))!.Status, (await outbox.GetAsync(id))!.Attempts));
        await worker.RunOnceAsync(CancellationToken.None);
        Assert.Single(Connector.Calls);

        time.Advance(options.FirstRetryDelay);
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, Connector.Calls.Count);
        var entry = await outbox.GetAsync(id);
        Assert.Equal((OutboxStatus.Sent, 2), (entry!.Status, entry.Attempts));
    }

    [Fact]
    public async Task Retry_after_from_a_throttled_send_is_honoured_even_when_longer_than_the_backoff()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((ConnectorStatus.Throttled, 429, null, TimeSpan.FromSeconds(30)));
        var id = await outbox.EnqueueAsync(Message(1));
        var throttledAt = time.GetUtcNow();

        await worker.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29.9));
        await worker.RunOnceAsync(CancellationToken.None);
        Assert.Single(Connector.Calls);

        time.Advance(TimeSpan.FromSeconds(0.1));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, Connector.Calls.Count);
        Assert.Equal(throttledAt.AddSeconds(30), Connector.Calls.Last().At);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id))!.Status);
    }

    [Theory]
    [InlineData(ConnectorStatus.Throttled, 429, 1)] // Teams said when its window has room: no longer backoff on top
    [InlineData(ConnectorStatus.TransientFailure, 503, 10)] // not a rate limit: the backoff still holds
    public async Task A_throttled_send_waits_its_retry_after_and_other_refusals_the_longer_backoff(ConnectorStatus status, int http, int expectedSeconds)
    {
        options.FirstRetryDelay = TimeSpan.FromSeconds(10);
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((status, http, null, TimeSpan.FromSeconds(1)));
        var id = await outbox.EnqueueAsync(Message(1));
        var refusedAt = time.GetUtcNow();

        await RunUntilAsync(worker, () => Connector.Calls.Count == 2);

        Assert.Equal(refusedAt.AddSeconds(expectedSeconds), Connector.Calls.Last().At);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Sends_count_against_the_app_limit_from_when_they_were_answered_so_batches_never_overlap_in_teams_window()
    {
        // Teams counts a send when it arrives, at the latest when it is answered. The first send of the first
        // batch is answered 900 ms late (a slow claim or connector); the batch's slots were taken at its start.
        var limit = new SendLimit(5, TimeSpan.FromSeconds(1));
        options.MaxConcurrency = 1;
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox, new SendPacer([], [limit]));
        var arrivals = new List<DateTimeOffset>();
        Connector.Respond = call =>
        {
            if (arrivals.Count == 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(900));
            }

            arrivals.Add(time.GetUtcNow());
            return Task.FromResult<(ConnectorStatus, int?, string?, TimeSpan?)?>(null);
        };
        for (var n = 1; n <= 10; n++)
        {
            await outbox.EnqueueAsync(Message(n, conversationId: $"a:{n}"));
        }

        await RunUntilAsync(worker, () => arrivals.Count == 10);

        for (var i = 0; i + limit.Limit < arrivals.Count; i++)
        {
            Assert.True(arrivals[i + limit.Limit] - arrivals[i] >= limit.Window, $"sends {i}..{i + limit.Limit} reached Teams within {limit.Window}: more than {limit.Limit}");
        }
    }

    [Fact]
    public async Task While_a_conversation_is_throttled_its_other_messages_wait_too()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((ConnectorStatus.Throttled, 429, null, TimeSpan.FromSeconds(10)));
        await outbox.EnqueueAsync(Message(1));
        await worker.RunOnceAsync(CancellationToken.None);

        await outbox.EnqueueAsync(Message(2));
        await outbox.EnqueueAsync(Message(3, conversationId: "a:other"));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["message 1", "message 3"], Connector.Calls.Select(c => c.Text));
    }

    [Theory]
    [InlineData(ConnectorStatus.NotInRoster, 403, "BotNotInConversationRoster")]
    [InlineData(ConnectorStatus.ConversationNotFound, 404, "ConversationNotFound")]
    [InlineData(ConnectorStatus.PermanentFailure, 400, "BadArgument")]
    public async Task A_permanent_refusal_is_recorded_as_failed_with_its_reason_and_never_retried(ConnectorStatus status, int http, string code)
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((status, http, code, null));
        var id = await outbox.EnqueueAsync(Message(1));

        await worker.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Single(Connector.Calls);
        var entry = await outbox.GetAsync(id);
        Assert.Equal(OutboxStatus.Failed, entry!.Status);
        Assert.Contains(status.ToString(), entry.FailureReason, StringComparison.Ordinal);
        Assert.Contains(http.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.FailureReason, StringComparison.Ordinal);
        Assert.Contains(code, entry.FailureReason, StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(id, StringComparison.Ordinal));
        Assert.Equal(id, Assert.Single(failures.Failed).Id);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_deadline_then_recorded_as_failed_and_reported_once()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        Connector.Respond = _ => Task.FromResult<(ConnectorStatus, int?, string?, TimeSpan?)?>((ConnectorStatus.TransientFailure, 504, null, null));
        var enqueuedAt = time.GetUtcNow();
        var id = await outbox.EnqueueAsync(Message(1, tag: new("incident", "INC-2026-0042")));

        await RunUntilAsync(worker, () => outbox.GetAsync(id).GetAwaiter().GetResult()!.Status == OutboxStatus.Failed, maxCycles: 1000);
        var calls = Connector.Calls.Count;
        time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(calls, Connector.Calls.Count);
        // The last try came at the deadline, none after it.
        Assert.Equal(enqueuedAt + options.DeliveryDeadline, Connector.Calls.Last().At);
        var entry = await outbox.GetAsync(id);
        Assert.Equal((OutboxStatus.Failed, calls), (entry!.Status, entry.Attempts));
        Assert.Contains("Not delivered by its deadline", entry.FailureReason, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(failures.Failed).Id);
    }

    [Fact]
    public async Task A_send_that_got_no_answer_is_recorded_in_doubt_and_not_resent()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((ConnectorStatus.NoAnswer, null, null, null));
        var id = await outbox.EnqueueAsync(Message(1));

        await worker.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Single(Connector.Calls);
        Assert.Equal(OutboxStatus.InDoubt, (await outbox.GetAsync(id))!.Status);
        // Raised once (Comms checks with the recipient), never silently dropped.
        var raised = Assert.Single(failures.Failed);
        Assert.Equal((id, OutboxStatus.InDoubt), (raised.Id, raised.Status));
    }

    [Fact]
    public async Task An_unreadable_entry_is_logged_and_does_not_hold_up_the_others()
    {
        var tables = await Azurite.CreateTablesAsync();
        var outbox = new OutboxStore(tables, time);
        var table = tables.GetTable(TableNames.Outbox);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(OutboxKeys.Partition, OutboxKeys.EntryRowKey("broken")) { ["Kind"] = "NoSuchKind" });
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(OutboxKeys.Partition, OutboxKeys.DueRowKey(time.GetUtcNow(), "broken")) { ["EntryId"] = "broken", ["PacingKey"] = "a:1xyz" });
        var good = await outbox.EnqueueAsync(Message(1));

        await NewWorker(outbox).RunOnceAsync(CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, (await outbox.GetAsync(good))!.Status);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_that_throws_is_recorded_in_doubt_not_resent()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        Connector.Respond = _ => throw new HttpRequestException("connection reset");
        var id = await outbox.EnqueueAsync(Message(1));

        await worker.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Single(Connector.Calls);
        var entry = await outbox.GetAsync(id);
        Assert.Equal(OutboxStatus.InDoubt, entry!.Status);
        Assert.Contains(nameof(HttpRequestException), entry.FailureReason, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(failures.Failed).Id);
    }

    [Fact]
    public async Task A_delivery_handler_for_one_kind_of_tag_hears_only_of_those_deliveries()
    {
        var outbox = await NewOutboxAsync();
        var incidents = new RecordingHandler(kind: "incident");
        var everything = new RecordingHandler();
        var worker = NewWorker(outbox, incidents, everything);
        await outbox.EnqueueAsync(Message(1, tag: new("incident", "INC-2026-0001")));
        await outbox.EnqueueAsync(Message(2, tag: new("account-request", "SMA-2026-0001", "v1")));
        await outbox.EnqueueAsync(Message(3));

        await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new DeliveryTag("incident", "INC-2026-0001"), Assert.Single(incidents.Deliveries).Tag);
        Assert.Equal(3, everything.Deliveries.Count);
    }

    [Fact]
    public async Task Delivery_handlers_learn_where_each_kind_of_message_went()
    {
        var outbox = await NewOutboxAsync();
        var deliveries = new RecordingHandler();
        var worker = NewWorker(outbox, new ThrowingHandler(), deliveries);
        var channelData = BotJson.ToElement(new { channel = new { id = "19:general@thread.tacv2" }, tenant = new { id = "tenant-1" } });
        var sendId = await outbox.EnqueueAsync(Message(1, "a:1xyz", tag: new("send")));
        var createId = await outbox.EnqueueAsync(OutboxMessage.CreateConversation(ServiceUrl, new ConversationParameters { IsGroup = true, ChannelData = channelData, Activity = Activity.CreateMessage("new thread") }, new("create")));
        var updateId = await outbox.EnqueueAsync(OutboxMessage.Update(ServiceUrl, "a:1xyz", "1712000000042", Activity.CreateMessage("updated"), new("update")));

        await worker.RunOnceAsync(CancellationToken.None);

        var byCorrelation = deliveries.Deliveries.ToDictionary(d => d.Tag!.Kind);
        var sent = Connector.Calls.Single(c => c.Operation == "send");
        Assert.Equal(new OutboxDelivery(sendId, OutboxMessageKind.Send, new("send"), ServiceUrl, "a:1xyz", (await outbox.GetAsync(sendId))!.DeliveredActivityId), byCorrelation["send"]);
        Assert.NotNull(byCorrelation["send"].ActivityId);
        var created = byCorrelation["create"];
        Assert.Equal((createId, OutboxMessageKind.CreateConversation), (created.EntryId, created.Kind));
        Assert.Equal($"19:new@thread.tacv2;messageid={created.ActivityId}", created.ConversationId);
        Assert.Equal("19:general@thread.tacv2", BotJson.Deserialize<ConversationParameters>(Connector.Calls.Single(c => c.Operation == "create").Body)!.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal(new OutboxDelivery(updateId, OutboxMessageKind.Update, new("update"), ServiceUrl, "a:1xyz", "1712000000042"), byCorrelation["update"]);
        Assert.Equal("1712000000042", Connector.Calls.Single(c => c.Operation == "update").ActivityId);
        Assert.Equal("message 1", sent.Text);
        Assert.All([sendId, createId, updateId], id => Assert.Equal(OutboxStatus.Sent, outbox.GetAsync(id).GetAwaiter().GetResult()!.Status));
    }

    [Fact]
    public async Task A_card_larger_than_one_table_property_reaches_the_connector_intact()
    {
        var outbox = await NewOutboxAsync();
        var card = BotJson.ToElement(new { type = "AdaptiveCard", version = "1.5", body = Enumerable.Range(0, 1500).Select(i => new { type = "TextBlock", text = $"line {i} ✓ {new string('x', 40)}" }) });
        var activity = Activity.CreateMessage(null, Attachment.AdaptiveCard(card));
        Assert.True(BotJson.Serialize(activity).Length > 64 * 1024);

        await outbox.EnqueueAsync(OutboxMessage.Send(ServiceUrl, "a:1xyz", activity));
        await NewWorker(outbox).RunOnceAsync(CancellationToken.None);

        Assert.Equal(BotJson.Serialize(activity), Assert.Single(Connector.Calls).Body);
    }

    [Fact]
    public async Task Logs_name_ids_and_status_codes_but_never_message_text()
    {
        var outbox = await NewOutboxAsync();
        var worker = NewWorker(outbox);
        AnswerInOrder((ConnectorStatus.Throttled, 429, null, TimeSpan.FromSeconds(1)), (ConnectorStatus.NotInRoster, 403, "BotNotInConversationRoster", null));
        await outbox.EnqueueAsync(OutboxMessage.Send(ServiceUrl, "a:1", Activity.CreateMessage("SECRET-TEXT-1")));
        await outbox.EnqueueAsync(OutboxMessage.Send(ServiceUrl, "a:2", Activity.CreateMessage("SECRET-TEXT-2")));
        await outbox.EnqueueAsync(OutboxMessage.Send(ServiceUrl, "a:3", Activity.CreateMessage("SECRET-TEXT-3")));

        await RunUntilAsync(worker, () => Connector.Calls.Count == 4);

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains("429", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains("SECRET", StringComparison.Ordinal) || (r.Exception?.ToString().Contains("SECRET", StringComparison.Ordinal) ?? false));
    }

    /// <summary>Hears about deliveries and failures alike.</summary>
}
