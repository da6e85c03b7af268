using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Tests.Storage;

public class TableKeyTests
{
    [Theory]
    [InlineData("19:abc@thread.tacv2")]
    [InlineData("19:abc@thread.tacv2;messageid=1712345678901")]
    [InlineData("a:1xyz-AbC_09")]
    [InlineData("29:1AbCdEf")]
    public void Teams_ids_stay_readable(string id) => Assert.Equal(id, TableKey.Encode(id));

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("100%")]
    public void Characters_Azure_refuses_never_reach_the_key(string id)
    {
        var key = TableKey.Encode(id);
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c));
        Assert.Equal(id, TableKey.Decode(key));
    }

    [Theory]
    [InlineData("a/b", "a!2Fb")]
    [InlineData("a!2Fb", "a!212Fb")]
    [InlineData("é", "!C3!A9")]
    public void Escapes_are_utf8_bytes_and_the_escape_char_escapes_itself(string id, string expected) =>
        Assert.Equal(expected, TableKey.Encode(id));

    [Fact]
    public void Distinct_ids_never_share_a_key()
    {
        // An id that looks like another id's escape must not collide with it.
        string[] ids = ["a/b", "a!2Fb", "a!2fb", "A/b", "😀", "!F0!9F!98!80", "x y", "x!20y"];
        Assert.Equal(ids.Length, ids.Select(TableKey.Encode).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(id, TableKey.Decode(TableKey.Encode(id))));
    }

    [Theory]
    [InlineData("abc!")]
    [InlineData("abc!4")]
    [InlineData("abc!ZZ")]
    public void Malformed_keys_are_refused(string key) => Assert.Throws<FormatException>(() => TableKey.Decode(key));

    [Fact]
    public void Empty_ids_are_refused() => Assert.Throws<ArgumentException>(() => TableKey.Encode(""));
}
