using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards.Templating;

internal delegate TemplateValue FunctionBody(IReadOnlyList<Expression> arguments, Scope scope, UnboundPaths unbound);

/// <summary>A function the engine knows, with the number of arguments it takes (checked when the template loads).</summary>
internal sealed record TemplateFunction(string Name, int MinArguments, int MaxArguments, FunctionBody Body);

/// <summary>
/// The functions and operators of adaptive-expressions that the cards use, with the official evaluation rules:
/// questions about a value (logic, comparisons, <c>empty</c>, <c>exists</c>) see unbound paths as undefined and
/// answer false rather than fail; functions that build a value (<c>count</c>, <c>concat</c>, <c>join</c>) see the
/// caller's reading of unbound paths and let errors through.
/// </summary>
internal static class TemplateFunctions
{
    private static readonly Dictionary<string, TemplateFunction> Named = new TemplateFunction[]
    {
        new("equals", 2, 2, Question(args => ValueSemantics.AreEqual(args[0], args[1]))),
        new("not", 1, 1, Not),
        new("and", 1, int.MaxValue, And),
        new("or", 1, int.MaxValue, Or),
        new("if", 3, 3, If),
        new("empty", 1, 1, Question(args => IsEmpty(args[0]))),
        new("exists", 1, 1, Question(args => !args[0].IsNullish)),
        new("count", 1, 1, Computed(args => Count(args[0]))),
        new("concat", 1, int.MaxValue, Computed(Concat)),
        new("join", 2, 3, Computed(Join)),
    }.ToDictionary(function => function.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, TemplateFunction> Operators = new TemplateFunction[]
    {
        new("!", 1, 1, Not),
        new("==", 2, 2, Named["equals"].Body),
        new("!=", 2, 2, Question(args => !ValueSemantics.AreEqual(args[0], args[1]))),
        new("<", 2, 2, Ordering(order => order < 0)),
        new("<=", 2, 2, Ordering(order => order <= 0)),
        new(">", 2, 2, Ordering(order => order > 0)),
        new(">=", 2, 2, Ordering(order => order >= 0)),
        new("&&", 2, 2, And),
        new("||", 2, 2, Or),
    }.ToDictionary(function => function.Name, StringComparer.Ordinal);

    public static TemplateFunction Function(string name, int argumentCount)
    {
        // Names are case-sensitive, as in adaptive-expressions: `Equals(...)` is an unknown function there too.
        if (!Named.TryGetValue(name, out var function))
        {
            throw new TemplateException($"Unknown function '{name}'. The card templates may use: {string.Join(", ", Named.Keys)}.");
        }

        if (argumentCount < function.MinArguments || argumentCount > function.MaxArguments)
        {
            throw new TemplateException($"Function '{name}' takes {Arity(function)} arguments, not {argumentCount}.");
        }

        return function;
    }

    public static TemplateFunction Operator(string symbol) => Operators[symbol];

    private static string Arity(TemplateFunction function) =>
        function.MaxArguments == int.MaxValue ? $"at least {function.MinArguments}"
        : function.MinArguments == function.MaxArguments ? $"{function.MinArguments}"
        : $"{function.MinArguments} to {function.MaxArguments}";

    /// <summary>Evaluates an argument for a question about it; null when it fails, which the question treats as "no".</summary>
    private static TemplateValue? TryAsk(Expression argument, Scope scope)
    {
        try
        {
            return argument.Evaluate(scope, UnboundPaths.ReadAsUndefined);
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    private static FunctionBody Question(Func<TemplateValue[], bool> answer) => (arguments, scope, _) =>
    {
        var values = new TemplateValue[arguments.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            if (TryAsk(arguments[i], scope) is not { } value)
            {
                return TemplateValue.From(false);
            }

            values[i] = value;
        }

        return TemplateValue.From(answer(values));
    };

    private static FunctionBody Ordering(Func<int, bool> accept) =>
        Question(args => !args[0].IsNullish && !args[1].IsNullish && accept(ValueSemantics.Compare(args[0], args[1])));

    private static FunctionBody Computed(Func<TemplateValue[], TemplateValue> compute) =>
        (arguments, scope, unbound) => compute(arguments.Select(argument => argument.Evaluate(scope, unbound)).ToArray());

    private static TemplateValue Not(IReadOnlyList<Expression> arguments, Scope scope, UnboundPaths unbound) =>
        TemplateValue.From(TryAsk(arguments[0], scope) is not { } value || !ValueSemantics.IsTruthy(value));

    private static TemplateValue And(IReadOnlyList<Expression> arguments, Scope scope, UnboundPaths unbound) =>
        TemplateValue.From(arguments.All(argument => TryAsk(argument, scope) is { } value && ValueSemantics.IsTruthy(value)));

    // When nothing is true, adaptive-expressions gives back the last operand as it is (false, null or undefined,
    // and undefined leaves the property out of the card) rather than false.
    private static TemplateValue Or(IReadOnlyList<Expression> arguments, Scope scope, UnboundPaths unbound)
    {
        var last = TemplateValue.From(false);
        foreach (var argument in arguments)
        {
            last = TryAsk(argument, scope) ?? TemplateValue.Undefined;
            if (ValueSemantics.IsTruthy(last))
            {
                return TemplateValue.From(true);
            }
        }

        return last;
    }

    private static TemplateValue If(IReadOnlyList<Expression> arguments, Scope scope, UnboundPaths unbound)
    {
        var condition = TryAsk(arguments[0], scope) is { } value && ValueSemantics.IsTruthy(value);
        return arguments[condition ? 1 : 2].Evaluate(scope, unbound);
    }

    // Numbers and booleans are not containers: adaptive-expressions answers "not empty" for them.
    private static bool IsEmpty(TemplateValue value) => value.Node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject properties => properties.Count == 0,
        _ => value.TryGetString(out var text) && text.Length == 0,
    };

    private static TemplateValue Count(TemplateValue value) => value.Node switch
    {
        JsonArray array => TemplateValue.From(array.Count),
        JsonObject properties => TemplateValue.From(properties.Count),
        _ when value.TryGetString(out var text) => TemplateValue.From(text.Length),
        _ => throw new EvaluationException($"count() needs a string, list or object, not {ValueSemantics.ToText(value)}."),
    };

    // The shipped adaptive-expressions writes every argument as text, lists included ("a,b" + "c").
    private static TemplateValue Concat(TemplateValue[] values) =>
        TemplateValue.From(string.Concat(values.Select(ValueSemantics.ToText)));

    // join(list, separator, lastSeparator?) reads like "a, b and c" when given the third argument.
    private static TemplateValue Join(TemplateValue[] values)
    {
        if (values[0].Node is not JsonArray list)
        {
            throw new EvaluationException($"join() needs a list, not {ValueSemantics.ToText(values[0])}.");
        }

        var items = list.Select(item => ValueSemantics.ToText(TemplateValue.From(item))).ToList();
        var separator = ValueSemantics.ToText(values[1]);
        if (values.Length == 2 || items.Count < 2)
        {
            return TemplateValue.From(string.Join(separator, items));
        }

        var last = ValueSemantics.ToText(values[2]);
        return TemplateValue.From(string.Join(separator, items[..^1]) + last + items[^1]);
    }
}
