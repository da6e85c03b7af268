using System.Diagnostics.CodeAnalysis;

namespace TeamsPolicyBot.Forms;

/// <summary>
/// The outcome of checking a submitted form: the cleaned, typed value, or one message per input
/// id that a card shows next to that input. Never both, so a caller cannot store half-valid data.
/// </summary>
internal sealed class ValidationResult<T>
    where T : class
{
    private ValidationResult(T? value, IReadOnlyDictionary<string, string> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    /// <summary>Input id → a message that names the problem and how to fix it.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    public static ValidationResult<T> Success(T value) =>
        new(value ?? throw new ArgumentNullException(nameof(value)), new Dictionary<string, string>());

    public static ValidationResult<T> Failure(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? throw new ArgumentException("A failure needs at least one error.", nameof(errors))
            : new ValidationResult<T>(null, errors);
    }
}
