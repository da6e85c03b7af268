using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Turns.MyRequests;

[Collection(AzuriteTests.Name)]
public class MyRequestsRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static MyRequestItem Item(string owner, string reference, DateTimeOffset createdAt, string status = "Pending") =>
        new(owner, reference, "Official account request", "Instagram · @x", status, createdAt, createdAt);

    [Fact]
    public async Task A_person_sees_only_their_own_records_newest_first()
    {
        var repository = new MyRequestsRepository(await azurite.CreateTablesAsync());
        var someoneElse = Guid.NewGuid().ToString();
        await repository.UpsertAsync(Item(RequesterId, "SMA-2026-0002", Day.AddDays(1)));
        await repository.UpsertAsync(Item(RequesterId, "SMA-2026-0001", Day));
        await repository.UpsertAsync(Item(someoneElse, "SMA-2026-0004", Day.AddDays(5)));
        await repository.UpsertAsync(Item(RequesterId, "INC-2026-0001", Day.AddDays(3)));
        await repository.UpsertAsync(Item(RequesterId, "SMA-2026-0003", Day.AddDays(2)));

        var mine = await repository.ListAsync(RequesterId.ToUpperInvariant());

        Assert.Equal(["INC-2026-0001", "SMA-2026-0003", "SMA-2026-0002", "SMA-2026-0001"], mine.Select(i => i.Reference));
        Assert.Equal(Item(RequesterId, "INC-2026-0001", Day.AddDays(3)), mine[0]);
        Assert.Equal(["SMA-2026-0004"], (await repository.ListAsync(someoneElse)).Select(i => i.Reference));
    }

    [Fact]
    public async Task The_list_stops_at_the_maximum_keeping_the_newest()
    {
        var repository = new MyRequestsRepository(await azurite.CreateTablesAsync());
        for (var i = 1; i <= 5; i++)
        {
            await repository.UpsertAsync(Item(RequesterId, $"SMA-2026-000{i}", Day.AddHours(i)));
        }

        var mine = await repository.ListAsync(RequesterId, max: 2);

        Assert.Equal(["SMA-2026-0005", "SMA-2026-0004"], mine.Select(i => i.Reference));
    }

    [Fact]
    public async Task An_update_rewrites_the_same_row()
    {
        var repository = new MyRequestsRepository(await azurite.CreateTablesAsync());
        await repository.UpsertAsync(Item(RequesterId, "SMA-2026-0001", Day));

        await repository.UpsertAsync(Item(RequesterId, "SMA-2026-0001", Day, "Approved") with { UpdatedAt = Day.AddDays(1) });

        var item = Assert.Single(await repository.ListAsync(RequesterId));
        Assert.Equal("Approved", item.Status);
        Assert.Equal(Day.AddDays(1), item.UpdatedAt);
    }

    [Fact]
    public async Task A_request_reloaded_from_its_table_updates_the_row_it_was_indexed_under()
    {
        var storage = await azurite.CreateTablesAsync();
        var requests = new AccountRequestRepository(storage);
        var index = new MyRequestsRepository(storage);
        var submitted = AccountRequest.Submit("SMA-2026-0001", Ada, Details(), Day.AddTicks(1_234_567));
        var etag = await requests.CreateAsync(submitted);
        await index.UpsertAsync(submitted.ToMyRequestItem());

        var loaded = (await requests.GetAsync("SMA-2026-0001"))!.Record;
        var approved = loaded.Approve(Approver, Day.AddDays(1)).Next!;
        Assert.IsType<SaveResult.Saved>(await requests.SaveAsync(approved, etag));
        await index.UpsertAsync(approved.ToMyRequestItem());

        var item = Assert.Single(await index.ListAsync(RequesterId));
        Assert.Equal(new MyRequestItem(RequesterId, "SMA-2026-0001", "Official account request", "Instagram · @lshtm_malaria", "Approved", submitted.CreatedAt, Day.AddDays(1)), item);
    }
}
