using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Tests.Delivery;

public sealed class DeliveryTagTests
{
    [Theory]
    [InlineData("account-request/SMA-2026-0001/v2", "account-request", new[] { "SMA-2026-0001", "v2" })]
    [InlineData("support-case/HSR-2026-0003/3f0b9c2e-1111-4a6b-9c1d-000000000001", "support-case", new[] { "HSR-2026-0003", "3f0b9c2e-1111-4a6b-9c1d-000000000001" })]
    [InlineData("incident/INC-2026-0007", "incident", new[] { "INC-2026-0007" })]
    public void A_stored_tag_reads_back_as_the_kind_and_parts_it_was_written_with(string stored, string kind, string[] parts)
    {
        var tag = DeliveryTag.Parse(stored);

        Assert.Equal(kind, tag!.Kind);
        Assert.Equal(parts, tag.Parts);
        Assert.Equal(stored, tag.ToString());
        Assert.Equal(new DeliveryTag(kind, parts), tag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/SMA-2026-0001")]
    public void No_tag_or_one_without_a_kind_reads_as_none(string? stored) => Assert.Null(DeliveryTag.Parse(stored));

    [Fact]
    public void A_kind_with_the_separator_in_it_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DeliveryTag("account/request", "SMA-2026-0001"));
}
