using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

[Collection(AzuriteTests.Name)]
public class AccountRequestRepositoryTests(AzuriteFixture azurite)
{
    // Sub-millisecond ticks: a store that rounds times would fail the round trip.
    private static readonly DateTimeOffset DecidedAt = new DateTimeOffset(2026, 3, 3, 14, 5, 7, TimeSpan.Zero).AddTicks(1_234_567);

    private static void AssertSame(AccountRequest expected, AccountRequest? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Audit = [] }, actual with { Audit = [] });
        Assert.Equal(expected.Audit, actual.Audit);
    }

    private static int CountRows(TableStorage storage, string rowPrefix) =>
        storage.GetTable(TableNames.AccountRequests).Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccountRequestKeys.Partition}"))
            .Count(e => e.RowKey.StartsWith(rowPrefix, StringComparison.Ordinal));

    [Fact]
    public async Task A_request_with_every_field_set_round_trips()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());
        var details = Details("platform=other|platformOther=Mastodon|alreadyExists=true|existingUrl=https://m.social/@lshtm?x=1&y=é|secondAdmin=" + SecondAdminId + "|purpose=Line one\nLine \"two\" ✓");
        var request = AccountRequest.Submit("SMA-2026-0042", Ada, details, SubmittedAt.AddTicks(9_876_543), "form-1") with
        {
            ApprovalCard = new MessageLocation("https://smba.trafficmanager.net/emea/", "19:abc@thread.tacv2;messageid=1712345678901", "1712345678901"),
        };
        request = request.Reject(Approver, RejectReason.Other, "No named owner", DecidedAt).Next!;

        await repository.CreateAsync(request);
        var stored = await repository.GetAsync("SMA-2026-0042");

        AssertSame(request, stored?.Record);
        Assert.Equal(2, stored!.Record.Audit.Count);
        Assert.Equal(new Uri("https://m.social/@lshtm?x=1&y=é"), stored.Record.Details.ExistingUrl);
        Assert.NotEqual(default, stored.ETag);
    }

    [Fact]
    public async Task An_unknown_reference_is_null()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());

        Assert.Null(await repository.GetAsync("SMA-2026-9999"));
        Assert.Null(await repository.FindBySubmissionAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task Creating_a_reference_twice_fails_instead_of_overwriting()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());
        await repository.CreateAsync(Pending());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => repository.CreateAsync(Pending()));
        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task A_save_with_the_current_etag_wins_and_a_stale_etag_is_a_conflict()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());
        var first = await repository.CreateAsync(Pending());
        var approved = Pending().Approve(Approver, DecidedAt).Next!;

        var saved = Assert.IsType<SaveResult.Saved>(await repository.SaveAsync(approved, first));
        var stale = await repository.SaveAsync(Pending().Reject(OtherApprover, RejectReason.Duplicate, null, DecidedAt).Next!, first);

        Assert.IsType<SaveResult.Conflict>(stale);
        Assert.NotEqual(first, saved.ETag);
        var stored = await repository.GetAsync(approved.Reference);
        Assert.Equal(saved.ETag, stored!.ETag);
        Assert.Equal(AccountRequestStatus.Approved, stored.Record.Status);
    }

    [Fact]
    public async Task A_blind_save_without_an_etag_is_refused()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());
        await repository.CreateAsync(Pending());

        await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(Pending(), ETag.All));
        await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(Pending(), default));
    }

    [Fact]
    public async Task Saving_a_request_that_does_not_exist_is_a_conflict()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());

        Assert.IsType<SaveResult.Conflict>(await repository.SaveAsync(Pending(), new ETag("W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\"")));
    }

    [Fact]
    public async Task Two_approvers_deciding_at_once_make_one_decision_and_the_other_learns_who_decided()
    {
        var storage = await azurite.CreateTablesAsync();
        await new AccountRequestRepository(storage).CreateAsync(Pending());

        // Each "approver" is its own repository (own bot instance); both have loaded the same ETag
        // before either saves, which is the race the ETag must settle.
        var bothLoaded = new Barrier(2);
        async Task<(Actor Who, SaveResult Result)> Decide(Actor who, Func<AccountRequest, TransitionResult> decide)
        {
            var repository = new AccountRequestRepository(storage);
            var loaded = (await repository.GetAsync("SMA-2026-0001"))!;
            bothLoaded.SignalAndWait(TimeSpan.FromSeconds(10));
            return (who, await repository.SaveAsync(decide(loaded.Record).Next!, loaded.ETag));
        }

        var outcomes = await Task.WhenAll(
            Task.Run(() => Decide(Approver, r => r.Approve(Approver, DecidedAt, 1))),
            Task.Run(() => Decide(OtherApprover, r => r.Reject(OtherApprover, RejectReason.ReputationalRisk, null, DecidedAt, 1))));

        var winner = Assert.Single(outcomes, o => o.Result is SaveResult.Saved);
        var loser = Assert.Single(outcomes, o => o.Result is SaveResult.Conflict);
        var reloaded = (await new AccountRequestRepository(storage).GetAsync("SMA-2026-0001"))!.Record;
        Assert.Equal(winner.Who, reloaded.Decision?.DecidedBy);
        Assert.Equal(2, reloaded.Audit.Count);
        var retry = reloaded.Approve(loser.Who, DecidedAt.AddSeconds(1), 1);
        Assert.Equal(RefusalKind.NotAllowedInStatus, retry.Refusal?.Kind);
        Assert.Contains($"by {winner.Who.Name}", retry.Refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_a_record_already_read_saves_on_that_read_and_rereads_only_when_it_went_stale()
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = new AccountRequestRepository(storage);
        await repository.CreateAsync(Pending());
        var loads = 0;
        var read = (await repository.GetAsync("SMA-2026-0001"))!;
        Task<StoredRecord<AccountRequest>?> Load(string reference, CancellationToken token)
        {
            loads++;
            return repository.GetAsync(reference, token);
        }

        // Fresh: saved on the turn's own read, no second read.
        var approved = await ChangeOutcome<AccountRequest, TransitionRefusal>.ApplyAsync(
            "SMA-2026-0001", Load, repository.SaveAsync, r => r.Approve(Approver, DecidedAt, 1), RecordStore<AccountRequest, TransitionRefusal>.Attempts, "gone", CancellationToken.None, read);
        Assert.Equal(AccountRequestStatus.Approved, approved.Changed?.Status);
        Assert.Equal(0, loads);

        // Stale (someone decided since that read): the save conflicts, the record is read again, and the state machine refuses.
        var rejected = await repository.ApplyAsync(read, "SMA-2026-0001", r => r.Reject(OtherApprover, RejectReason.ReputationalRisk, null, DecidedAt, 1), CancellationToken.None);
        Assert.Null(rejected.Changed);
        Assert.Equal(RefusalKind.NotAllowedInStatus, rejected.Refusal?.Kind);
        Assert.Equal(Approver, (await repository.GetAsync("SMA-2026-0001"))!.Record.Decision?.DecidedBy);
    }

    [Fact]
    public async Task The_same_submission_twice_in_a_row_is_one_request_with_one_reference()
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = new AccountRequestRepository(storage);
        var numbers = new ReferenceNumbers(storage, new FakeTimeProvider(SubmittedAt));
        var submissionId = Guid.NewGuid().ToString();
        var creates = 0;
        async Task<AccountRequest> Create(CancellationToken ct)
        {
            Interlocked.Increment(ref creates);
            return AccountRequest.Submit(await numbers.NextAsync("SMA", ct), Ada, Details(), SubmittedAt);
        }

        var first = await repository.SubmitAsync(submissionId, Create);
        var again = await repository.SubmitAsync(submissionId.ToUpperInvariant(), Create);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal("SMA-2026-0001", first.Record.Reference);
        Assert.Equal(first.Record.Reference, again.Record.Reference);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal(1, creates);
        Assert.Equal(submissionId, first.Record.SubmissionId);
        Assert.Equal("SMA-2026-0001", (await repository.FindBySubmissionAsync(submissionId))?.Record.Reference);
        Assert.Equal(1, CountRows(storage, "request-"));
    }

    [Fact]
    public async Task The_same_submission_arriving_in_parallel_is_one_request_with_one_reference()
    {
        var storage = await azurite.CreateTablesAsync();
        var numbers = new ReferenceNumbers(storage, new FakeTimeProvider(SubmittedAt));
        var submissionId = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            new AccountRequestRepository(storage).SubmitAsync(submissionId, async ct =>
                AccountRequest.Submit(await numbers.NextAsync("SMA", ct), Ada, Details(), SubmittedAt)))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Record.Reference).Distinct());
        Assert.Equal(1, CountRows(storage, "request-"));
        Assert.Equal(1, CountRows(storage, "submission-"));
    }

    [Fact]
    public async Task Different_submissions_make_different_requests()
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = new AccountRequestRepository(storage);
        var numbers = new ReferenceNumbers(storage, new FakeTimeProvider(SubmittedAt));
        async Task<AccountRequest> Create(CancellationToken ct) => AccountRequest.Submit(await numbers.NextAsync("SMA", ct), Ada, Details(), SubmittedAt);

        var a = await repository.SubmitAsync(Guid.NewGuid().ToString(), Create);
        var b = await repository.SubmitAsync(Guid.NewGuid().ToString(), Create);

        Assert.NotEqual(a.Record.Reference, b.Record.Reference);
        Assert.True(a.Created && b.Created);
    }

    [Fact]
    public async Task A_long_audit_trail_that_outgrows_one_column_round_trips()
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());
        var request = Pending();
        for (var round = 0; round < 40; round++)
        {
            request = request.RequestChanges(Approver, new string((char)('a' + (round % 26)), 1000), DecidedAt).Next!;
            request = request.Resubmit(request.Details, RequesterActor, DecidedAt, $"round-{round}").Next!;
        }

        await repository.CreateAsync(request);
        var stored = await repository.GetAsync(request.Reference);

        // A string property holds at most 32K UTF-16 characters (64 KiB).
        Assert.True(RecordColumns.ToJson(request.Audit)!.Length > 32 * 1024);
        Assert.Equal(81, stored?.Record.Audit.Count);
        AssertSame(request, stored?.Record);
        Assert.Equal(41, stored?.Record.Version);
        Assert.IsType<AuditEntry>(stored?.Record.Audit[^1]);
    }
}
