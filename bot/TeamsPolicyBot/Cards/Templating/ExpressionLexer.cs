using System.Globalization;
using System.Text;

namespace TeamsPolicyBot.Cards.Templating;

internal enum TokenKind
{
    Identifier,
    Number,
    String,
    Symbol,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Position)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}

/// <summary>Splits the inside of <c>${...}</c> into tokens.</summary>
internal static class ExpressionLexer
{
    // Longest first, so "<=" is not read as "<" then "=".
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ","];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                var start = i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, source[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(source, ref i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(source, ref i));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(source, i, s, 0, s.Length) == 0)
                    ?? throw new TemplateException($"Unexpected '{c}' at position {i} in '{source}'.");
                tokens.Add(new Token(TokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, source.Length));
        return tokens;
    }

    private static Token ReadNumber(string source, ref int i)
    {
        var start = i;
        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        var text = source[start..i];
        return new Token(TokenKind.Number, double.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), start);
    }

    private static Token ReadString(string source, ref int i)
    {
        var quote = source[i];
        var start = i++;
        var text = new StringBuilder();
        while (i < source.Length && source[i] != quote)
        {
            if (source[i] == '\\' && i + 1 < source.Length)
            {
                i++;
                text.Append(source[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
            }
            else
            {
                text.Append(source[i]);
            }

            i++;
        }

        if (i >= source.Length)
        {
            throw new TemplateException($"Unterminated string starting at position {start} in '{source}'.");
        }

        i++;
        return new Token(TokenKind.String, text.ToString(), start);
    }
}
