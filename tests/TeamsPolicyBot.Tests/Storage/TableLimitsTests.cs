using Azure.Data.Tables;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Tests.Storage;

/// <summary>Azure's limits, which Azurite does not enforce, checked before any call.</summary>
public sealed class TableLimitsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    public void A_key_Table_Storage_would_refuse_is_refused_first(string key)
    {
        Assert.Throws<MalformedKeyException>(() => TableLimits.Key(key, "row key"));
    }

    [Fact]
    public void A_key_is_at_most_one_KiB()
    {
        Assert.Equal(new string('k', 512), TableLimits.Key(new string('k', 512), "row key"));
        var error = Assert.Throws<MalformedKeyException>(() => TableLimits.Key(new string('k', 513), "row key"));
        Assert.DoesNotContain("kkkk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_over_64_KiB_is_refused_naming_the_property()
    {
        var entity = new TableEntity("p", "r") { ["Small"] = "x", ["Big"] = new string('b', 32 * 1024 + 1) };

        var error = Assert.Throws<EntityTooLargeException>(() => TableLimits.Entity(entity, "incidents"));

        Assert.Contains("Big", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bbbb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_over_1_MiB_is_refused_even_when_every_property_fits()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            entity["Chunk" + i] = new string('c', 30_000);
        }

        Assert.Throws<EntityTooLargeException>(() => TableLimits.Entity(entity, "incidents"));
    }

    [Fact]
    public void An_entity_with_more_than_252_properties_is_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity["P" + i] = i;
        }

        Assert.Throws<EntityTooLargeException>(() => TableLimits.Entity(entity, "incidents"));
    }

    [Fact]
    public void An_entity_within_the_limits_passes_unchanged()
    {
        var entity = new TableEntity("p", "r") { ["Text"] = new string('t', 30_000), ["Number"] = 1L, ["When"] = DateTimeOffset.UnixEpoch };

        Assert.Same(entity, TableLimits.Entity(entity, "incidents"));
    }

    [Theory]
    [InlineData("SMA-2026-0001", true)]
    [InlineData(" INC-2026-10000 ", true)]
    [InlineData("HSR-2026-0003", true)]
    [InlineData("SMA-2026-1", false)]
    [InlineData("sma-2026-0001", false)]
    [InlineData("SMA-2026-0001/../x", false)]
    [InlineData("SMA-2026-0001#", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_reference_must_look_like_one(string? reference, bool wellFormed)
    {
        Assert.Equal(wellFormed, KeyFormats.IsReference(reference));
    }

    [Theory]
    [InlineData("4D3C2B1A-0F9E-4D8C-B7A6-958473625140", "4d3c2b1a-0f9e-4d8c-b7a6-958473625140")]
    [InlineData("4d3c2b1a-0f9e-4d8c-b7a6-958473625140", "4d3c2b1a-0f9e-4d8c-b7a6-958473625140")]
    public void A_submission_id_is_a_GUID_in_one_spelling(string id, string stored)
    {
        Assert.Equal(stored, KeyFormats.CardId(id));
        Assert.Throws<MalformedKeyException>(() => KeyFormats.CardId(id + "#"));
    }
}

/// <summary>The record tables check references and submission ids before they reach storage.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SubmittedRecordKeyTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("")]
    [InlineData("not-a-reference")]
    [InlineData("SMA-2026-0001/x")]
    public async Task Reading_by_a_malformed_reference_is_refused_before_storage(string reference)
    {
        var repository = new AccountRequestRepository(await azurite.CreateTablesAsync());

        await Assert.ThrowsAsync<MalformedKeyException>(() => repository.GetAsync(reference));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("4d3c2b1a-0f9e-4d8c-b7a6-958473625140#")]
    [InlineData("a/b")]
    public async Task A_submission_id_that_is_not_a_GUID_creates_nothing(string submissionId)
    {
        var storage = await azurite.CreateTablesAsync();
        var repository = new AccountRequestRepository(storage);
        var created = false;

        await Assert.ThrowsAsync<MalformedKeyException>(() => repository.SubmitAsync(submissionId, _ =>
        {
            created = true;
            throw new InvalidOperationException("never reached");
        }));

        Assert.False(created);
        Assert.False(await storage.GetTable(TableNames.AccountRequests).QueryAsync<TableEntity>().AnyAsync());
    }
}
