using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Records;

/// <summary>
/// A note a Comms approver left on an incident or an account request, for the other Comms approvers only: shown on their
/// own view of the channel card, never on the card everyone sees, never to the reporter or requester, never in a log.
/// </summary>
internal sealed record CommsNote(string Text, Stamp Added);

/// <summary>The rules every record's Comms notes share: the input, its limit, how many the record and the card keep.</summary>
internal static class CommsNotes
{
    /// <summary>The note input's id on the triage and approval cards.</summary>
    public const string Field = "note";

    public const int MaxLength = 1000;

    /// <summary>
    /// The history line a note adds. The note itself never goes in the history: the history shows on the card everyone
    /// in the channel sees, so it says only that a note was added, and who added it.
    /// </summary>
    public const string AuditAction = "Note added for the Comms team";

    /// <summary>
    /// How many notes the record keeps; the oldest move to its child rows. Small, because an incident already spends most
    /// of its 1 MiB entity on history and questions (see RecordGrowthTests).
    /// </summary>
    public static ListBound Bound { get; } = new(Max: 6, Keep: 3);

    /// <summary>The latest notes a card shows, each cut to <see cref="TextShown"/> characters, so the card stays under Teams' ~28 KB.</summary>
    public const int Shown = 3, TextShown = 500;

    /// <summary>The typed note, trimmed; or which field is wrong and why.</summary>
    public static ValidationResult<string> Validate(string? text) =>
        FieldRules.RequiredText(Field, text, MaxLength, "Type your note, then select Save note again.");

    /// <summary>The latest notes as a card shows them (oldest first, so the newest is last), and the line for the rest.</summary>
    public static (IReadOnlyList<NoteLine> Shown, string EarlierLine) Lines(IReadOnlyList<CommsNote> notes, int movedOut)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var (shown, earlier) = LatestEntries.Of(notes, movedOut, Shown, "note");
        return (shown.Select(NoteLine.Of).ToList(), earlier);
    }
}

/// <summary>One note on a card: "Note from Morgan Reid, 4 Mar 2026 at 09:20" and the note, both escaped.</summary>
internal sealed record NoteLine(string Heading, string Text)
{
    public static NoteLine Of(CommsNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new($"Note from {Markdown.Escape(note.Added.By.Name)}, {CardDates.DateAndTime(note.Added.At)}", Markdown.Excerpt(note.Text, CommsNotes.TextShown));
    }
}
