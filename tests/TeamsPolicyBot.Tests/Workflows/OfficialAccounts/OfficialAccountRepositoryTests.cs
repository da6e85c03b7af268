using Azure.Data.Tables;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

[Collection(AzuriteTests.Name)]
public class OfficialAccountRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ApprovedAt = new(2026, 3, 3, 14, 5, 0, TimeSpan.Zero);

    private static AccountRequest Approved(string reference = "SMA-2026-0001") =>
        AccountRequest.Submit(reference, Ada, Details("alreadyExists=true|existingUrl=https://www.instagram.com/lshtm_malaria|secondAdmin=" + SecondAdminId), SubmittedAt)
            .Approve(Approver, ApprovedAt).Next!;

    [Fact]
    public async Task An_approved_request_becomes_an_account_run_by_its_requester_with_its_second_administrator_asked_to_accept_and_an_audit_due_in_a_year()
    {
        var repository = new OfficialAccountRepository(await azurite.CreateTablesAsync());

        await repository.AddFromApprovedRequestAsync(Approved());
        var account = await repository.GetAsync("SMA-2026-0001");

        Assert.NotNull(account);
        Assert.Equal("SMA-2026-0001", account.SourceReference);
        Assert.Equal(SocialPlatform.Instagram, account.Platform);
        Assert.Equal("Instagram", account.PlatformName);
        Assert.Equal("@lshtm_malaria", account.Handle);
        Assert.Equal(new Uri("https://www.instagram.com/lshtm_malaria"), account.Url);
        Assert.Equal(UnitType.ResearchCentre, account.UnitType);
        Assert.Equal("Malaria Centre", account.UnitName);
        Assert.Equal([new Administrator(RequesterId, "ada.lovelace@lshtm.ac.uk", "Ada Lovelace")], account.Administrators);
        Assert.Equal([new AdministratorInvitation(new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk"), Approver, ApprovedAt)], account.Invitations);
        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        Assert.Equal(Approver, account.ApprovedBy);
        Assert.Equal(ApprovedAt, account.ApprovedAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 3, 14, 5, 0, TimeSpan.Zero), account.NextAuditDue);
    }

    [Fact]
    public async Task Adding_the_same_approval_again_keeps_one_account()
    {
        var repository = new OfficialAccountRepository(await azurite.CreateTablesAsync());
        var first = await repository.AddFromApprovedRequestAsync(Approved());

        var again = await repository.AddFromApprovedRequestAsync(Approved());
        await repository.AddFromApprovedRequestAsync(Approved("SMA-2026-0002"));

        Assert.Equal(first.SourceReference, again.SourceReference);
        Assert.Equal(first.NextAuditDue, again.NextAuditDue);
        Assert.Equal(["SMA-2026-0001", "SMA-2026-0002"], (await repository.ListAsync()).Select(a => a.SourceReference));
    }

    [Fact]
    public async Task A_request_that_is_not_approved_is_not_an_account()
    {
        var repository = new OfficialAccountRepository(await azurite.CreateTablesAsync());

        await Assert.ThrowsAsync<ArgumentException>(() => repository.AddFromApprovedRequestAsync(Pending()));
        Assert.Empty(await repository.ListAsync());
    }

    [Fact]
    public async Task A_row_written_before_the_register_had_statuses_loads_as_active_with_its_approval_as_history_and_gets_indexed()
    {
        var storage = await azurite.CreateTablesAsync();
        var table = storage.GetTable(TableNames.OfficialAccounts);

        // Exactly the columns approvals wrote before this change.
        await table.AddEntityAsync(new TableEntity(OfficialAccountKeys.Partition, "SMA-2025-0009")
        {
            ["SourceReference"] = "SMA-2025-0009",
            ["Platform"] = "Instagram",
            ["PlatformName"] = "Instagram",
            ["Handle"] = "@Old_Account",
            ["Url"] = null,
            ["UnitType"] = "Department",
            ["UnitName"] = "Old Department",
            ["Administrators"] = """[{"AadObjectId":"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5","Email":"ada.lovelace@lshtm.ac.uk","Name":"Ada Lovelace"}]""",
            ["ApprovedByAadObjectId"] = ApproverId,
            ["ApprovedByName"] = "Grace Hopper",
            ["ApprovedAt"] = ApprovedAt,
            ["NextAuditDue"] = ApprovedAt.AddYears(1),
        });
        var repository = new OfficialAccountRepository(storage);

        var account = (await repository.GetAsync("SMA-2025-0009"))!;
        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        var added = Assert.Single(account.History);
        Assert.Equal((ApprovedAt, ApproverId, "Added to the register"), (added.At, added.ActorAadObjectId, added.Action));
        Assert.Null(await repository.FindByHandleAsync(SocialPlatform.Instagram, "Instagram", "old_account"));

        Assert.Equal(1, await repository.IndexHandlesAsync());
        Assert.Equal(0, await repository.IndexHandlesAsync());
        Assert.Equal(new RegisteredHandle("SMA-2025-0009", "Instagram", "@Old_Account", "Old Department"), await repository.FindByHandleAsync(SocialPlatform.Instagram, "Instagram", "OLD_account"));
    }

    [Theory]
    [InlineData("instagram", "Instagram", "@LSHTM_Malaria", true)]
    [InlineData("instagram", "Instagram", "  lshtm_malaria ", true)]
    [InlineData("x", "X (Twitter)", "@lshtm_malaria", false)]
    [InlineData("instagram", "Instagram", "@lshtm_malaria2", false)]
    public async Task The_handle_index_finds_an_account_on_the_same_platform_whatever_the_case_and_at_sign(string platform, string platformName, string handle, bool found)
    {
        var repository = new OfficialAccountRepository(await azurite.CreateTablesAsync());
        await repository.AddFromApprovedRequestAsync(Approved());
        Assert.True(SocialPlatforms.Choices.TryParse(platform, out var parsed));

        var registered = await repository.FindByHandleAsync(parsed, platformName, handle);

        Assert.Equal(found, registered is not null);
        Assert.Equal(found ? "SMA-2026-0001" : null, registered?.SourceReference);
    }

    [Fact]
    public async Task A_new_account_stores_its_status_and_history()
    {
        var repository = new OfficialAccountRepository(await azurite.CreateTablesAsync());
        await repository.AddFromApprovedRequestAsync(Approved());

        var account = (await repository.GetAsync("SMA-2026-0001"))!;

        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        Assert.Equal([OfficialAccount.Added("SMA-2026-0001", Approver, ApprovedAt)], account.History);
    }

    [Fact]
    public void An_active_account_reads_as_audit_due_from_the_window_before_its_audit_and_other_statuses_stay()
    {
        var account = OfficialAccount.FromApprovedRequest(Approved(), TimeSpan.FromDays(365));
        var due = account.NextAuditDue;
        var window = TimeSpan.FromDays(30);

        Assert.Equal(OfficialAccountStatus.Active, account.StatusAt(due - window - TimeSpan.FromSeconds(1), window));
        Assert.Equal(OfficialAccountStatus.AuditDue, account.StatusAt(due - window, window));
        Assert.Equal(OfficialAccountStatus.AuditDue, account.StatusAt(due.AddYears(1), window));
        Assert.Equal(OfficialAccountStatus.Closed, (account with { Status = OfficialAccountStatus.Closed }).StatusAt(due.AddYears(1), window));
    }
}
