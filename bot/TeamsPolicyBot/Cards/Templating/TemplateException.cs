namespace TeamsPolicyBot.Cards.Templating;

/// <summary>A template that cannot be loaded, or a binding that cannot be evaluated.</summary>
internal sealed class TemplateException : Exception
{
    public TemplateException(string message) : base(message) { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// An expression that fails while it runs. adaptive-expressions reports these as values rather than throwing:
/// logical operators swallow them, an interpolated string keeps the failing part as literal text, and only a
/// binding that is the whole string makes the expansion fail.
/// </summary>
internal sealed class EvaluationException(string message) : Exception(message);
