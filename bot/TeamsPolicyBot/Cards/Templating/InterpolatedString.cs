using System.Text;

namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// A template string holding <c>${...}</c> bindings. A string that is exactly one binding yields the binding's
/// value with its JSON type; otherwise each binding is written into the text. <c>\${</c> writes a literal <c>${</c>.
/// </summary>
internal sealed class InterpolatedString
{
    private readonly IReadOnlyList<Part> _parts;

    private InterpolatedString(IReadOnlyList<Part> parts) => _parts = parts;

    public static bool HasBindings(string text) => text.Contains("${", StringComparison.Ordinal);

    public static InterpolatedString Parse(string text)
    {
        // The official library parses the whole string as a JavaScript-like template literal, so a backtick breaks it.
        if (text.Contains('`', StringComparison.Ordinal))
        {
            throw new TemplateException($"A string with bindings cannot contain a backtick (`): '{text}'.");
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "\\${", 0, 3) == 0)
            {
                literal.Append("${");
                i += 3;
            }
            else if (string.CompareOrdinal(text, i, "${", 0, 2) == 0)
            {
                var end = ClosingBrace(text, i + 2);
                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), null));
                    literal.Clear();
                }

                var source = text[(i + 2)..end];
                parts.Add(new Part(source.Trim(), ExpressionParser.Parse(source)));
                i = end + 1;
            }
            else
            {
                literal.Append(text[i++]);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
        }

        return new InterpolatedString(parts);
    }

    /// <summary>
    /// The value of the string. A whole-string binding that fails to evaluate throws; inside longer text a
    /// failing binding stays as its literal <c>${...}</c>, which is what the official library does.
    /// </summary>
    public TemplateValue Evaluate(Scope scope, UnboundPaths unbound)
    {
        if (_parts is [{ Expression: { } whole } part])
        {
            return EvaluateWhole(whole, part.Text, scope, unbound);
        }

        var text = new StringBuilder();
        foreach (var (partText, expression) in _parts)
        {
            text.Append(expression is null ? partText : EmbeddedText(expression, partText, scope, unbound));
        }

        return TemplateValue.From(text.ToString());
    }

    private static TemplateValue EvaluateWhole(Expression expression, string source, Scope scope, UnboundPaths unbound)
    {
        // The official library turns a lone constant (`${true}`, `${1.5}`) into text, so `$when: "${true}"` drops the element.
        if (expression is LiteralExpression literal)
        {
            return TemplateValue.From(ValueSemantics.ToText(literal.Value));
        }

        try
        {
            return expression.Evaluate(scope, unbound);
        }
        catch (EvaluationException e)
        {
            throw new TemplateException($"Binding '${{{source}}}' failed: {e.Message}", e);
        }
    }

    private static string EmbeddedText(Expression expression, string source, Scope scope, UnboundPaths unbound)
    {
        try
        {
            return ValueSemantics.ToText(expression.Evaluate(scope, unbound));
        }
        catch (EvaluationException)
        {
            return "${" + source + "}";
        }
    }

    private static int ClosingBrace(string text, int start)
    {
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }

        throw new TemplateException($"A binding is not closed with '}}': '{text}'.");
    }

    private sealed record Part(string Text, Expression? Expression);
}
