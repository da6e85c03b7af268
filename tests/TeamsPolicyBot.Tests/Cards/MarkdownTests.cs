using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Cards;

public sealed class MarkdownTests
{
    [Theory]
    [InlineData("[click me](https://evil.example)", "\\[click me\\](https://evil.example)")]
    [InlineData("**bold** and _italic_", "\\*\\*bold\\*\\* and \\_italic\\_")]
    [InlineData("# Heading", "\\# Heading")]
    [InlineData("- item\n+ item\n* item", "\\- item\n\\+ item\n\\* item")]
    [InlineData("1. first\n2) second", "1\\. first\n2\\) second")]
    [InlineData("> quoted <b>bold</b>", "＞ quoted ＜b＞bold＜/b＞")]
    [InlineData("![img](x)", "!\\[img\\](x)")]
    [InlineData("C:\\path", "C:\\\\path")]
    [InlineData("Title\n===\nRule\n---", "Title\n\\===\nRule\n\\---")]
    public void Escape_neutralises_markdown(string input, string expected)
    {
        Assert.Equal(expected, Markdown.Escape(input));
    }

    [Theory]
    [InlineData("Jean-Luc O'Brien (PI) + 2 others")]
    [InlineData("C# and F#, 50% = half | a ~ b, `x`, done!")]
    [InlineData("http://example.org/a-b?c=d#e")]
    public void Characters_that_only_start_a_block_are_left_alone_inside_a_line(string text)
    {
        Assert.Equal(text, Markdown.Escape(text));
    }

    [Theory]
    [InlineData("line one\r\nline two", "line one\nline two")]
    [InlineData("para one\n\n\n\n\npara two", "para one\n\npara two")]
    [InlineData("    indented code\n\ttabbed", "indented code\ntabbed")]
    [InlineData("\n\n  padded  \n\n", "padded")]
    [InlineData("bell\u0007 and nul\0", "bell and nul")]
    public void Escape_tidies_line_breaks_and_control_characters(string input, string expected)
    {
        Assert.Equal(expected, Markdown.Escape(input));
    }

    [Theory]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde")]
    [InlineData("\u2066x\u2067y\u2068z\u2069!", "xyz!")]
    [InlineData("\u202E   - item", "\\- item")]
    [InlineData("\u2067**bold**\u2069", "\\*\\*bold\\*\\*")]
    public void Escape_removes_bidirectional_overrides_and_isolates(string input, string expected)
    {
        var escaped = Markdown.Escape(input);

        Assert.Equal(expected, escaped);
        Assert.DoesNotContain(escaped, c => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));
    }

    [Fact]
    public void A_relayed_message_shows_the_other_side_no_bidirectional_override_that_was_typed()
    {
        var referral = SupportSamples.Taken().Message(SupportSamples.Person, "Thanks \u202Eexe.txt\u202C and \u2067see\u2069 you", SupportSamples.Later).Next!;

        var card = SupportSamples.Templates.Message(referral, referral.Messages[^1]);

        var texts = Strings(JsonNode.Parse(JsonSerializer.Serialize(card.Content))).ToList();
        Assert.Contains("Thanks exe.txt and see you", texts);
        Assert.DoesNotContain(texts, text => text.Any(c => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(property => Strings(property.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [Fact]
    public void Escape_keeps_right_to_left_text_and_the_direction_marks()
    {
        // Arabic and Hebrew read right to left on their own; U+200E/U+200F reorder nothing beyond a character.
        const string text = "مرحبا שלום \u200Fok\u200E";

        Assert.Equal(text, Markdown.Escape(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Escape_of_nothing_is_empty(string? input)
    {
        Assert.Equal(string.Empty, Markdown.Escape(input));
    }

    [Fact]
    public void Plain_text_is_unchanged()
    {
        Assert.Equal("Hello, it's 3 o'clock; see you at 4?", Markdown.Escape("Hello, it's 3 o'clock; see you at 4?"));
    }
}
