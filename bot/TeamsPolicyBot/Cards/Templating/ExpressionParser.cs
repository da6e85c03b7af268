using System.Globalization;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// Parses the inside of <c>${...}</c>. Operator precedence follows the adaptive-expressions grammar, where
/// <c>==</c> binds tighter than <c>&lt;</c>: from loosest to tightest <c>||</c>, <c>&amp;&amp;</c>,
/// <c>&lt; &lt;= &gt; &gt;=</c>, <c>== !=</c>, <c>!</c>.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[][] BinaryLevels = [["||"], ["&&"], ["<", "<=", ">", ">="], ["==", "!="]];

    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _next;

    private ExpressionParser(string source)
    {
        _source = source;
        _tokens = ExpressionLexer.Tokenize(source);
    }

    public static Expression Parse(string source)
    {
        var parser = new ExpressionParser(source);
        var expression = parser.Binary(0);
        parser.Expect(TokenKind.End, "the end of the expression");
        return expression;
    }

    private Token Peek => _tokens[_next];

    private Expression Binary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return Unary();
        }

        var left = Binary(level + 1);
        while (BinaryLevels[level].FirstOrDefault(Peek.Is) is { } symbol)
        {
            _next++;
            left = new FunctionCall(TemplateFunctions.Operator(symbol), [left, Binary(level + 1)]);
        }

        return left;
    }

    private Expression Unary()
    {
        if (Peek.Is("!"))
        {
            _next++;
            return new FunctionCall(TemplateFunctions.Operator("!"), [Unary()]);
        }

        return Primary();
    }

    private Expression Primary()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpression(TemplateValue.From(double.Parse(token.Text, CultureInfo.InvariantCulture)));
            case TokenKind.String:
                return new LiteralExpression(TemplateValue.From(token.Text));
            case TokenKind.Symbol when token.Text == "(":
                var inner = Binary(0);
                Expect(")", "')'");
                return inner;
            case TokenKind.Identifier when token.Text is "true" or "false":
                return new LiteralExpression(TemplateValue.From(token.Text == "true"));
            case TokenKind.Identifier when token.Text == "null":
                return new LiteralExpression(TemplateValue.Null);
            case TokenKind.Identifier when Peek.Is("("):
                return Call(token.Text);
            case TokenKind.Identifier:
                return Path(token.Text);
            default:
                throw Error(token, "a value, a path or a function call");
        }
    }

    private FunctionCall Call(string name)
    {
        _next++;
        var arguments = new List<Expression>();
        if (!Peek.Is(")"))
        {
            do
            {
                arguments.Add(Binary(0));
            }
            while (Accept(","));
        }

        Expect(")", "',' or ')'");
        return new FunctionCall(TemplateFunctions.Function(name, arguments.Count), arguments);
    }

    private PathExpression Path(string head)
    {
        var segments = new List<PathSegment>();
        while (true)
        {
            if (Accept("."))
            {
                segments.Add(new PathSegment(Expect(TokenKind.Identifier, "a property name").Text, 0));
            }
            else if (Accept("["))
            {
                var index = Expect(TokenKind.Number, "an index");
                segments.Add(new PathSegment(null, int.TryParse(index.Text, CultureInfo.InvariantCulture, out var n) ? n : throw Error(index, "a whole number")));
                Expect("]", "']'");
            }
            else
            {
                return new PathExpression(head, segments);
            }
        }
    }

    private bool Accept(string symbol)
    {
        if (!Peek.Is(symbol))
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(string symbol, string expected)
    {
        if (!Accept(symbol))
        {
            throw Error(Peek, expected);
        }
    }

    private Token Expect(TokenKind kind, string expected) =>
        Peek.Kind == kind ? _tokens[_next++] : throw Error(Peek, expected);

    private TemplateException Error(Token found, string expected) => new(
        $"Expected {expected} at position {found.Position} in '{_source}' but found {(found.Kind == TokenKind.End ? "the end" : $"'{found.Text}'")}.");
}
