using TeamsPolicyBot.Forms;
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
    public async Task An_approved_request_becomes_an_account_with_both_administrators_and_an_audit_due_in_a_year()
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
        Assert.Equal(
            [new Administrator(RequesterId, "ada.lovelace@lshtm.ac.uk", "Ada Lovelace"), new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk")],
            account.Administrators);
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
}
