using System.Text;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Cards;

/// <summary>Makes text a user typed safe to show to other people in a TextBlock.</summary>
internal static partial class Markdown
{
    // Teams renders only bold, italic, lists and links in a TextBlock. Inline markup (emphasis, links) is escaped
    // wherever it appears; what starts a block (a list item, a heading or rule in other renderers, a setext
    // underline) only at the start of a line. Escaping no more than that keeps "Jean-Luc", "C#" and "(see above)"
    // readable in a client that shows backslash escapes as typed (Teams mobile has, at times).
    // < and > are replaced instead (see EscapeLine).
    private const string InlineSpecial = "\\*_[]";
    private const string LineStartSpecial = "-+#=";

    /// <summary>
    /// Escapes markdown so <paramref name="text"/> shows as written, with no links, emphasis, lists or headings;
    /// replaces &lt; and &gt; with look-alikes so nothing reads as markup; trims lines (an indent would make a code
    /// block) and keeps at most one blank line between paragraphs; drops other control characters and the Unicode
    /// bidirectional embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069), which could make what
    /// others read run backwards or hide part of it ("Trojan Source"). Null gives "".
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // First, so a line that starts with one is trimmed and escaped like any other.
        var lines = WithoutBidiControls(text).ReplaceLineEndings("\n").Split('\n').Select(line => EscapeLine(line.Trim()));
        return ExtraBlankLines().Replace(string.Join("\n", lines), "\n\n").Trim('\n', ' ');
    }

    /// <summary>
    /// <see cref="Escape"/> of at most the first <paramref name="maxChars"/> characters of <paramref name="text"/>, with "…"
    /// when it was cut: for the older entries a card lists, so a long history cannot push the card past Teams' size limit.
    /// </summary>
    public static string Excerpt(string? text, int maxChars)
    {
        if (text is null || text.Length <= maxChars)
        {
            return Escape(text);
        }

        var cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return Escape(text[..cut]) + "…";
    }

    /// <summary>A clickable link whose text is the escaped address; brackets in the address are percent-encoded.</summary>
    public static string Link(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var text = link.Host + link.PathAndQuery;
        return Link(link, text.Length > 60 ? text[..60] + "…" : text);
    }

    /// <summary>A clickable link reading <paramref name="text"/> (escaped here), e.g. an account's handle.</summary>
    public static string Link(Uri link, string text)
    {
        ArgumentNullException.ThrowIfNull(link);
        var target = link.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
        return $"[{Escape(text)}]({target})";
    }

    private static string EscapeLine(string line)
    {
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (InlineSpecial.Contains(c, StringComparison.Ordinal) || (escaped.Length == 0 && LineStartSpecial.Contains(c, StringComparison.Ordinal)))
            {
                escaped.Append('\\').Append(c);
            }
            else if (c is '<' or '>')
            {
                // Look-alikes rather than escapes: no renderer can then read them as a tag or a quote marker.
                escaped.Append(c == '<' ? '\uFF1C' : '\uFF1E');
            }
            else if (!char.IsControl(c) || c == '\t')
            {
                escaped.Append(c);
            }
        }

        // "1. item" and "1) item" at the start of a line would become a numbered list.
        return OrderedListMarker().Replace(escaped.ToString(), "$1\\$2");
    }

    /// <summary>Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069); the marks U+200E/U+200F stay, as they reorder nothing on their own.</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string WithoutBidiControls(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0
            ? text
            : string.Concat(text.Where(c => !IsBidiControl(c)));

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();

    [GeneratedRegex(@"^(\d+)([.)])")]
    private static partial Regex OrderedListMarker();
}
