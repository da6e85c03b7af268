namespace TeamsPolicyBot.Cards.Templating;

/// <summary>
/// How a path that binds to nothing reads. The official templating library substitutes the path's own
/// <c>${...}</c> text (so a card shows what is missing) except where a function asks a question about the value:
/// logic, comparisons, <c>empty</c>, <c>exists</c> and the condition of <c>if</c> see it as undefined.
/// </summary>
internal enum UnboundPaths
{
    ReadAsText,
    ReadAsUndefined,
}

/// <summary>A parsed <c>${...}</c> expression.</summary>
internal abstract record Expression
{
    public abstract TemplateValue Evaluate(Scope scope, UnboundPaths unbound);
}

internal sealed record LiteralExpression(TemplateValue Value) : Expression
{
    public override TemplateValue Evaluate(Scope scope, UnboundPaths unbound) => Value;
}

internal sealed record FunctionCall(TemplateFunction Function, IReadOnlyList<Expression> Arguments) : Expression
{
    public override TemplateValue Evaluate(Scope scope, UnboundPaths unbound) => Function.Body(Arguments, scope, unbound);
}
