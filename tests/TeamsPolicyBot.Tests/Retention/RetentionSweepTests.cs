using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.TestSupport.SeededRecords;
using Support = TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Retention;

/// <summary>
/// The retention schedule against Azurite with a moved clock: records seeded through their stores and transitions, the
/// sweep run through its lease, then every row of every table with the test's prefix read and searched for what the
/// records held.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RetentionSweepTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset EndedAt = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly CardTemplates Templates = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);

    /// <summary>The incident's reporter: someone else than the referral's person, so each record's people can be told apart.</summary>
    private static readonly Actor Reporter = new("7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "Noor Haddad");

    /// <summary>Typed into a support message that moves out to a child row of the referral.</summary>
    private const string EarlyMessage = "The first messages named my cat Biscuit";

    private readonly FakeTimeProvider time = new(EndedAt);
    private readonly Mock<IProactiveMessenger> messenger = new();
    private readonly ConcurrentQueue<(MessageLocation At, Activity Card, string? Key)> cardUpdates = new();

    private static readonly MessageLocation ReferralCard = new("https://service/", "19:support@thread.tacv2;messageid=7001", "7001");
    private static readonly MessageLocation IncidentCard = new("https://service/", "19:comms@thread.tacv2;messageid=7002", "7002");
    private static readonly MessageLocation ApprovalCard = new("https://service/", "19:comms@thread.tacv2;messageid=7003", "7003");

    private TableStorage storage = null!;

    private async Task<RetentionSweep> ArrangeAsync(IRetentionParticipant? extra = null)
    {
        storage = await azurite.CreateTablesAsync();
        messenger.Setup(m => m.UpdateAsync(It.IsAny<MessageLocation>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>(), It.IsAny<string?>()))
            .Callback<MessageLocation, Activity, CancellationToken, string?>((at, card, _, key) => cardUpdates.Enqueue((at, card, key)))
            .Returns(Task.CompletedTask);
        return NewSweep(extra);
    }

    /// <summary>One instance of the bot's sweep on the test's storage (call again for a second instance, or a restarted one).</summary>
    private RetentionSweep NewSweep(IRetentionParticipant? extra = null)
    {
        var myRequests = new MyRequestsRepository(storage);
        var reminderStore = new ReminderStore(storage, time);
        var reminders = new ReminderScheduler(reminderStore, time);
        var requests = new AccountRequestRetention(storage, myRequests, reminders);
        IRetentionParticipant[] participants =
        [
            .. extra is null ? Array.Empty<IRetentionParticipant>() : [extra],
            requests,
            new OfficialAccountRetention(new OfficialAccountRepository(storage), requests),
            new IncidentRetention(storage, myRequests, reminders),
            new SupportReferralRetention(storage, myRequests, reminders),
        ];
        return new RetentionSweep(
            storage,
            participants,
            new OutboxStore(storage, time),
            reminderStore,
            new ConversationReferenceRepository(storage, time, new StoredReferenceCache(time)),
            messenger.Object,
            Templates,
            Options.Create(new RetentionOptions()),
            Options.Create(new CommsOptions { ApproverIds = [AccountRequestSamples.ApproverId] }),
            Options.Create(new SupportOptions()),
            Options.Create(new EscalationOptions()),
            time,
            NullLogger<RetentionSweep>.Instance);
    }

    /// <summary>A referral with more messages than it keeps (the first move to a child row), closed at <see cref="EndedAt"/>.</summary>
    private async Task<SupportReferral> SeedClosedReferralAsync()
    {
        var store = new SupportReferralRepository(storage);
        var start = EndedAt.AddDays(-3);
        var requested = Support.Requested() with { CreatedAt = start, UpdatedAt = start, ChannelCard = ReferralCard };
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(requested));
        await Changed(store.ApplyAsync(requested.Reference, r => r.Take(Support.Handler, start.AddMinutes(5)), default));
        for (var i = 0; i < SupportReferral.MessagesBound.Max + 1; i++)
        {
            var text = i == 0 ? EarlyMessage : $"Update {i} from me";
            await Changed(store.ApplyAsync(requested.Reference, r => r.Message(Support.Person, text, start.AddHours(1 + i)), default));
        }

        var closed = await Changed(store.ApplyAsync(requested.Reference, r => r.Close(Support.Handler, "supportGiven", "Talked it through with Priya.", EndedAt), default));
        await new MyRequestsRepository(storage).UpsertAsync(closed.ToMyRequestItem());
        await new ReminderScheduler(new ReminderStore(storage, time), time).ScheduleAsync(UntakenReferralReminder.Key(closed), start.AddMinutes(15));
        Assert.Contains(await RowsAsync(TableNames.SupportReferrals), row => row.Contains(EarlyMessage, StringComparison.Ordinal) && !row.Contains("\"Status\":\"Closed\"", StringComparison.Ordinal));
        return closed;
    }

    private async Task<Incident> SeedResolvedIncidentAsync()
    {
        var store = new IncidentRepository(storage);
        var reported = Workflows.Incidents.IncidentSamples.Reported() with { Reporter = Reporter, CreatedAt = EndedAt.AddDays(-1), UpdatedAt = EndedAt.AddDays(-1), TriageCard = IncidentCard };
        await store.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(reported));
        await Changed(store.ApplyAsync(reported.Reference, i => i.Take(Workflows.Incidents.IncidentSamples.Triager, EndedAt.AddHours(-2)), default));
        var resolved = await Changed(store.ApplyAsync(reported.Reference, i => i.Resolve(Workflows.Incidents.IncidentSamples.Triager, "disciplinary", "Referred to HR.", EndedAt), default));
        await new MyRequestsRepository(storage).UpsertAsync(resolved.ToMyRequestItem());
        return resolved;
    }

    private async Task<AccountRequest> SeedRejectedRequestAsync()
    {
        var store = new AccountRequestRepository(storage);
        var pending = AccountRequestSamples.Pending() with { ApprovalCard = ApprovalCard };
        await store.SubmitAsync(pending.SubmissionId!, _ => Task.FromResult(pending));
        var rejected = await Changed(store.ApplyAsync(pending.Reference, r => r.Reject(AccountRequestSamples.Approver, RejectReason.ReputationalRisk, "Too close to the main account.", EndedAt), default));
        await new MyRequestsRepository(storage).UpsertAsync(rejected.ToMyRequestItem());
        return rejected;
    }

    /// <summary>A personal chat with the person, last used when the records ended.</summary>
    private Task RememberChatAsync(string aadObjectId, string teamsId, string name) => SeededRecords.RememberChatAsync(storage, time, aadObjectId, teamsId, name);

    /// <summary>Every row of one table as text (keys and values).</summary>
    private async Task<List<string>> RowsAsync(string table)
    {
        var rows = new List<string>();
        await foreach (var row in storage.GetTable(table).QueryAsync<TableEntity>())
        {
            rows.Add(JsonSerializer.Serialize(row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).ToDictionary(p => p.Key, p => p.Value?.ToString())));
        }

        return rows;
    }

    /// <summary>The rows of every table with the test's prefix that contain <paramref name="text"/> (case-insensitive).</summary>
    private async Task<List<string>> RowsContainingAsync(string text)
    {
        var found = new List<string>();
        foreach (var table in TableNames.All)
        {
            found.AddRange((await RowsAsync(table)).Where(row => row.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(row => $"{table}: {row}"));
        }

        return found;
    }

    private async Task AssertGoneAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.True((await RowsContainingAsync(text)).Count == 0, $"'{text}' is still stored: {string.Join(Environment.NewLine, await RowsContainingAsync(text))}");
        }
    }

    private async Task AssertStoredAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.NotEmpty(await RowsContainingAsync(text));
        }
    }

    private async Task<List<TableEntity>> AuditRowsAsync() =>
        await storage.GetTable(TableNames.Retention).QueryAsync<TableEntity>(row => row.PartitionKey == RetentionAudit.Partition).ToListAsync();

    /// <summary>Moves the clock to <paramref name="at"/> and lets the sweep run if it is due.</summary>
    private async Task SweepAtAsync(RetentionSweep sweep, DateTimeOffset at)
    {
        time.SetUtcNow(at);
        await sweep.RunIfDueAsync(default);
    }

    [Fact]
    public async Task Each_record_goes_with_every_row_of_it_once_its_period_has_passed_and_not_a_day_before()
    {
        var sweep = await ArrangeAsync();
        var referral = await SeedClosedReferralAsync();
        var incident = await SeedResolvedIncidentAsync();
        var request = await SeedRejectedRequestAsync();
        await RememberChatAsync(Support.Person.AadObjectId, "29:priya", Support.Person.Name);
        await RememberChatAsync(Reporter.AadObjectId, "29:noor", Reporter.Name);
        await RememberChatAsync(AccountRequestSamples.RequesterId, "29:ada", "Ada Lovelace");
        await sweep.RunIfDueAsync(default);

        // Two years less a day: nothing at all is deleted.
        await SweepAtAsync(sweep, EndedAt.AddDays(730));
        await AssertStoredAsync("Ada Lovelace", AccountRequestSamples.RequesterId, "@lshtm_malaria", "Too close to the main account", request.Reference);
        Assert.Empty(cardUpdates);

        // Past two years: the rejected request, its claim, its My requests entry and its card; Ada's chat stays (six years).
        await SweepAtAsync(sweep, EndedAt.AddDays(731).AddHours(1));
        await AssertGoneAsync("@lshtm_malaria", "Too close to the main account", "Share the centre's research", request.Reference, request.SubmissionId!);
        await AssertStoredAsync(EarlyMessage, Support.What, "Talked it through", Support.Person.Name, "vaccine trial", Reporter.Name, "Ada Lovelace");
        var approval = Assert.Single(cardUpdates);
        Assert.Equal(ApprovalCard, approval.At);

        // Six years less a day: the referral and the incident are still whole.
        await SweepAtAsync(sweep, EndedAt.AddDays(2191));
        await AssertStoredAsync(EarlyMessage, Support.What, "Alex Morgan", Support.Handler.Name, "vaccine trial", "Referred to HR", referral.Reference, incident.Reference);

        // Past six years: nothing of any of them, nor of the people only they named, is left anywhere.
        await SweepAtAsync(sweep, EndedAt.AddDays(2192).AddHours(1));
        await AssertGoneAsync(
            EarlyMessage, "Update 3 from me", Support.What, Support.Link, "Mastodon", "Talked it through", "Alex Morgan", "alex.morgan",
            Support.Person.Name, Support.Person.AadObjectId, Support.Handler.Name, "29:priya",
            "vaccine trial", "Referred to HR", Reporter.Name, Reporter.AadObjectId, "29:noor",
            "Ada Lovelace", AccountRequestSamples.RequesterId, "29:ada",
            referral.Reference, incident.Reference);

        // The cards in the Comms channel now say only that the record was deleted, under its reference.
        Assert.Equal([ReferralCard, IncidentCard, ApprovalCard], cardUpdates.Select(update => update.At).Order(Comparer<MessageLocation>.Create((a, b) => string.CompareOrdinal(a.ActivityId, b.ActivityId))));
        foreach (var (at, card, key) in cardUpdates)
        {
            var text = JsonSerializer.Serialize(card.Attachments![0].Content);
            var reference = at == ApprovalCard ? request.Reference : at == IncidentCard ? incident.Reference : referral.Reference;
            Assert.Contains("Record deleted under the retention schedule", text, StringComparison.Ordinal);
            Assert.Contains(reference, text, StringComparison.Ordinal);
            Assert.Equal($"retention/{reference}/channel-card", key);
            foreach (var secret in new[] { "Priya", "Noor", "Lovelace", "malaria", "vaccine" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        // One audit row per sweep that ran (the four moves of the clock; the lease was made at the start, due a day later),
        // with counts and nothing else (the scans above cover the retention table too).
        var audits = await AuditRowsAsync();
        Assert.Equal(4, audits.Count);
        Assert.Equal(0, audits[0].GetInt32("AccountRequests"));
        var last = audits[^1];
        Assert.Equal(1, last.GetInt32("SupportReferrals"));
        Assert.Equal(1, last.GetInt32("Incidents"));
        Assert.Equal(0, last.GetInt32("AccountRequests"));
        Assert.Equal(2, last.GetInt32("ChannelCardsReplaced"));
        Assert.Equal(3, last.GetInt32("ConversationReferences"));
        Assert.Equal(1, audits[1].GetInt32("AccountRequests"));
    }

    [Fact]
    public async Task Open_records_and_accounts_never_closed_are_kept_however_long_ago_they_started()
    {
        var sweep = await ArrangeAsync();
        var referrals = new SupportReferralRepository(storage);
        var taken = Support.Taken();
        await referrals.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(taken));
        var incidents = new IncidentRepository(storage);
        var reported = Workflows.Incidents.IncidentSamples.Reported() with { Reporter = Reporter };
        await incidents.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(reported));
        var requests = new AccountRequestRepository(storage);
        var asked = AccountRequestSamples.Pending("SMA-2026-0001").RequestChanges(AccountRequestSamples.Approver, "Please name a second administrator in the centre.", EndedAt).Next!;
        await requests.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(asked));
        var approved = AccountRequestSamples.Pending("SMA-2026-0002").Approve(AccountRequestSamples.Approver, EndedAt).Next!;
        await requests.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(approved));
        await new OfficialAccountRepository(storage).AddFromApprovedRequestAsync(approved);
        await sweep.RunIfDueAsync(default);

        await SweepAtAsync(sweep, EndedAt.AddYears(20));

        await AssertStoredAsync(taken.Reference, Support.What, reported.Reference, "vaccine trial", asked.Reference, "Please name a second administrator", approved.Reference);
        Assert.NotNull(await new OfficialAccountRepository(storage).GetAsync(approved.Reference));
        var audit = Assert.Single(await AuditRowsAsync());
        Assert.All(new[] { "SupportReferrals", "Incidents", "AccountRequests", "ClosedAccounts" }, kind => Assert.Equal(0, audit.GetInt32(kind)));
        Assert.Empty(cardUpdates);
    }

    [Fact]
    public async Task A_closed_account_goes_with_its_approved_request_six_years_after_closing()
    {
        var sweep = await ArrangeAsync();
        var requests = new AccountRequestRepository(storage);
        var approved = AccountRequestSamples.Pending() with { ApprovalCard = ApprovalCard };
        approved = approved.Approve(AccountRequestSamples.Approver, EndedAt.AddYears(-3)).Next!;
        await requests.SubmitAsync(approved.SubmissionId!, _ => Task.FromResult(approved));
        await new MyRequestsRepository(storage).UpsertAsync(approved.ToMyRequestItem());
        await new OfficialAccountRepository(storage).AddFromApprovedRequestAsync(approved);

        // Nothing closes an account yet: the closing date is written where the hook reads it.
        await storage.GetTable(TableNames.OfficialAccounts).UpdateEntityAsync(
            new TableEntity("account", approved.Reference) { [nameof(OfficialAccount.ClosedAt)] = EndedAt }, Azure.ETag.All, TableUpdateMode.Merge);
        await sweep.RunIfDueAsync(default);

        await SweepAtAsync(sweep, EndedAt.AddDays(2191));
        await AssertStoredAsync("@lshtm_malaria", "alan.turing", approved.Reference);

        await SweepAtAsync(sweep, EndedAt.AddDays(2192).AddHours(1));
        await AssertGoneAsync("@lshtm_malaria", "alan.turing", "Ada Lovelace", approved.Reference);
        Assert.Equal(ApprovalCard, Assert.Single(cardUpdates).At);
        Assert.Equal(1, (await AuditRowsAsync())[^1].GetInt32("ClosedAccounts"));
    }

    [Fact]
    public async Task Finished_delivery_records_go_after_thirty_days_and_unfinished_ones_stay()
    {
        var sweep = await ArrangeAsync();
        var outbox = new OutboxStore(storage, time);
        var sent = await outbox.EnqueueAsync(OutboxMessage.Send("https://service/", "a:chat", Activity.CreateMessage("Your request was approved.")) with { IdempotencyKey = "account-request/SMA-2026-0001/v1/Approved/notice" });
        var record = (await outbox.LoadAsync(sent))!;
        await outbox.TransitionAsync(record, record with { Status = OutboxStatus.Sent, CompletedAt = time.GetUtcNow() }, null, false);
        var waiting = await outbox.EnqueueAsync(OutboxMessage.Send("https://service/", "a:chat", Activity.CreateMessage("Still waiting to go.")));
        var reminders = new ReminderScheduler(new ReminderStore(storage, time), time);
        var cancelled = new ReminderKind("incident", "acknowledge").For("INC-2026-0001");
        var scheduled = new ReminderKind("incident", "acknowledge").For("INC-2026-0002");
        await reminders.CancelAsync(cancelled);
        await reminders.ScheduleAsync(scheduled, EndedAt.AddYears(1));
        await sweep.RunIfDueAsync(default);

        await SweepAtAsync(sweep, EndedAt.AddDays(29));
        Assert.NotNull(await outbox.GetAsync(sent));
        Assert.NotEmpty(await RowsContainingAsync("SMA-2026-0001"));

        await SweepAtAsync(sweep, EndedAt.AddDays(30).AddHours(1));
        Assert.Null(await outbox.GetAsync(sent));
        Assert.Empty(await RowsContainingAsync("SMA-2026-0001"));
        Assert.Empty(await RowsContainingAsync("INC-2026-0001"));
        Assert.NotNull(await outbox.GetAsync(waiting));
        Assert.NotEmpty(await RowsContainingAsync("INC-2026-0002"));
        var audit = (await AuditRowsAsync())[^1];
        Assert.Equal(1, audit.GetInt32("OutboxEntries"));
        Assert.Equal(1, audit.GetInt32("Reminders"));
    }

    [Fact]
    public async Task Two_instances_on_the_same_storage_sweep_once()
    {
        var first = await ArrangeAsync();
        await SeedClosedReferralAsync();
        var second = NewSweep();
        await first.RunIfDueAsync(default);
        time.SetUtcNow(EndedAt.AddDays(2193));

        var next = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RunIfDueAsync(default))));

        var audit = Assert.Single(await AuditRowsAsync());
        Assert.Equal(1, audit.GetInt32("SupportReferrals"));
        Assert.Single(cardUpdates);
        Assert.All(next, due => Assert.True(due > time.GetUtcNow() || due == time.GetUtcNow()));

        // Straight after, neither instance finds another sweep due before the interval has passed.
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromDays(1), await second.RunIfDueAsync(default));
        Assert.Single(await AuditRowsAsync());
    }

    [Fact]
    public async Task The_due_time_survives_a_restart_and_a_sweep_cut_short_is_taken_over_after_its_claim()
    {
        var crashing = new Mock<IRetentionParticipant>();
        crashing.SetupGet(p => p.Kind).Returns("Crashing");
        crashing.Setup(p => p.PeriodOf(It.IsAny<RetentionOptions>())).Returns(TimeSpan.FromDays(1));
        crashing.Setup(p => p.EndedBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).Throws(new InvalidOperationException("the instance died"));
        var dying = await ArrangeAsync(crashing.Object);
        await SeedClosedReferralAsync();
        var due = await dying.RunIfDueAsync(default);
        Assert.Equal(EndedAt + TimeSpan.FromDays(1), due);

        // A restarted instance half a day later waits for the stored due time.
        time.Advance(TimeSpan.FromHours(12));
        var restarted = NewSweep();
        Assert.Equal(due, await restarted.RunIfDueAsync(default));
        Assert.Empty(await AuditRowsAsync());

        // Six years on, the first instance claims the sweep and dies in it: nobody else starts one while its claim holds.
        time.SetUtcNow(EndedAt.AddDays(2193));
        await Assert.ThrowsAsync<InvalidOperationException>(() => dying.RunIfDueAsync(default));
        var claimedUntil = time.GetUtcNow() + RetentionSweep.ClaimDuration;
        Assert.Equal(claimedUntil, await restarted.RunIfDueAsync(default));
        Assert.Empty(await AuditRowsAsync());

        // After the claim runs out, the other instance sweeps.
        time.SetUtcNow(claimedUntil.AddSeconds(1));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromDays(1), await restarted.RunIfDueAsync(default));
        Assert.Equal(1, Assert.Single(await AuditRowsAsync()).GetInt32("SupportReferrals"));
        await AssertGoneAsync(Support.What, EarlyMessage);
    }
}
