using System.Globalization;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// The latest entries of a list that grows (messages, questions, history) as a card shows them, and the line for the rest
/// ("12 earlier messages are not shown"), so every card stays well under Teams' message size limit (about 28 KB) however
/// long the record's life. The earlier entries stay on the record (or in its child rows).
/// </summary>
internal static class LatestEntries
{
    /// <param name="entries">The entries the record holds, oldest first.</param>
    /// <param name="movedOut">How many came before them and were moved out of the record.</param>
    /// <param name="shown">How many of the latest to show.</param>
    /// <param name="noun">"message": the line says "1 earlier message" or "12 earlier messages".</param>
    public static (IReadOnlyList<T> Shown, string EarlierLine) Of<T>(IReadOnlyList<T> entries, int movedOut, int shown, string noun)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var latest = entries.Skip(Math.Max(0, entries.Count - shown)).ToList();
        var earlier = movedOut + entries.Count - latest.Count;
        return (latest, EarlierLine(earlier, noun));
    }

    /// <summary>"" for none, else "1 earlier message is not shown here." / "12 earlier messages are not shown here."</summary>
    public static string EarlierLine(int earlier, string noun) => earlier switch
    {
        <= 0 => "",
        1 => $"1 earlier {noun} is not shown here.",
        _ => string.Create(CultureInfo.InvariantCulture, $"{earlier} earlier {noun}s are not shown here."),
    };
}
