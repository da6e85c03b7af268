namespace TeamsPolicyBot.Forms;

/// <summary>One choice of a card's Input.ChoiceSet: what the card sends, what the code uses, what people read.</summary>
internal sealed record Choice<T>(string Value, T Item, string Title)
    where T : struct, Enum;

/// <summary>
/// The closed list of values a choice input may send. Cards render <see cref="Choices"/>; the
/// validator parses with <see cref="TryParse"/>, so a value the card never offered (a stale or
/// forged card) is refused rather than stored.
/// </summary>
internal sealed class ChoiceSet<T>
    where T : struct, Enum
{
    public ChoiceSet(params Choice<T>[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Choices = choices;
    }

    public IReadOnlyList<Choice<T>> Choices { get; }

    public bool TryParse(string? value, out T item)
    {
        foreach (var choice in Choices)
        {
            if (string.Equals(choice.Value, value, StringComparison.OrdinalIgnoreCase))
            {
                item = choice.Item;
                return true;
            }
        }

        item = default;
        return false;
    }

    public string ValueOf(T item) => Find(item).Value;

    public string TitleOf(T item) => Find(item).Title;

    private Choice<T> Find(T item) =>
        Choices.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Item, item))
        ?? throw new ArgumentOutOfRangeException(nameof(item), item, "Not one of the choices.");
}
