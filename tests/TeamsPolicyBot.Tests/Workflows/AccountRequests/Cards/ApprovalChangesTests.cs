using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

/// <summary>A resubmitted request's approval card lists what changed since the version before.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ApprovalChangesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset DecidedAt = new(2026, 3, 3, 14, 5, 0, TimeSpan.Zero);

    private static readonly AccountRequestCards Cards = new(
        CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All), Options.Create(new CommsOptions { ContactEmail = "comms@lshtm.ac.uk" }));

    /// <summary>Sent back for changes, then resubmitted with <paramref name="overrides"/> (see <see cref="AccountRequestSamples.Form"/>).</summary>
    private static AccountRequest Resubmitted(string overrides)
    {
        var changes = Pending().RequestChanges(Approver, "Use the centre's full name.", DecidedAt).Next!;
        return changes.Resubmit(Details(overrides), RequesterActor, DecidedAt.AddHours(1), "form-2").Next!;
    }

    private static List<string> ChangeLines(AccountRequest request) =>
        RenderedCard.Of(Cards.Approval(request, viewerMayDecide: true)).Texts().Where(text => text.StartsWith("**", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Resubmitting_keeps_the_version_before_so_the_card_can_compare()
    {
        var first = Pending();

        var second = Resubmitted("handle=@lshtm_malaria_centre");

        Assert.Null(first.PreviousDetails);
        Assert.Equal(first.Details, second.PreviousDetails);
        Assert.Equal("@lshtm_malaria_centre", second.Details.Handle);
    }

    [Fact]
    public void The_card_names_each_changed_field_by_its_label_old_to_new_for_short_fields_and_changed_for_long_text()
    {
        var request = Resubmitted("handle=@lshtm_malaria_centre|unitName=LSHTM Malaria Centre|postingFrequency=weekly|secondAdminEmail=grace.hopper@lshtm.ac.uk|purpose=Share the centre's research, events and jobs.");

        var card = RenderedCard.Of(Cards.Approval(request, viewerMayDecide: true));

        Assert.Contains("What changed since version 1", card.Texts());
        Assert.Equal(
            [
                "**Unit name:** Malaria Centre → LSHTM Malaria Centre",
                @"**Account:** @lshtm\_malaria → @lshtm\_malaria\_centre",
                "**Administrators:** Ada Lovelace and alan.turing@lshtm.ac.uk → Ada Lovelace and grace.hopper@lshtm.ac.uk",
                "**Posting:** Several times a week → Every week",
                "**Purpose:** changed",
            ],
            ChangeLines(request));
    }

    [Fact]
    public void A_short_field_that_was_empty_or_becomes_empty_reads_none()
    {
        var request = Resubmitted("alreadyExists=true|existingUrl=https://www.instagram.com/lshtm_malaria");

        Assert.Equal(["**Already exists at:** none → https://www.instagram.com/lshtm\\_malaria"], ChangeLines(request));
    }

    [Fact]
    public void Version_one_and_a_resubmission_that_changed_nothing_list_no_changes()
    {
        Assert.DoesNotContain("What changed since version 1", RenderedCard.Of(Cards.Approval(Pending(), viewerMayDecide: true)).Texts());

        var unchanged = Resubmitted("");

        Assert.DoesNotContain(RenderedCard.Of(Cards.Approval(unchanged, viewerMayDecide: true)).Texts(), text => text.StartsWith("What changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_version_before_is_stored_and_a_row_stored_without_it_still_loads_and_lists_no_changes()
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = new AccountRequestRepository(storage);
        var request = Resubmitted("handle=@lshtm_malaria_centre") with { Reference = "SMA-2026-0051" };
        await repository.CreateAsync(request);

        Assert.Equal(request.PreviousDetails, (await repository.GetAsync(request.Reference))!.Record.PreviousDetails);

        // A row written before the version before was kept: no PreviousDetails column at all.
        var older = AccountRequestRow.ToEntity(request with { Reference = "SMA-2026-0052" });
        older.Remove(nameof(AccountRequest.PreviousDetails));
        await storage.GetTable(TableNames.AccountRequests).AddEntityAsync(older);
        var loaded = (await repository.GetAsync("SMA-2026-0052"))!.Record;

        Assert.Null(loaded.PreviousDetails);
        Assert.Equal(2, loaded.Version);
        Assert.Empty(ChangeLines(loaded));
    }
}
