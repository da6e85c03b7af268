using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Turns;

/// <summary>
/// What a verb may answer with about a record: which kind of record it names (none: it answers from the sender's own
/// input or their own records only), and the views of <see cref="Visibility"/> under which it may show a card about it.
/// Whoever has none of <paramref name="Shows"/> gets a refusal with nothing of the record in it. Each handler declares
/// the rule beside its verb, so nothing new can answer about a record without saying who may see the answer.
/// </summary>
internal sealed record VerbRule(RecordKind? Record, RecordViews Shows)
{
    public static VerbRule NoRecord { get; } = new(null, RecordViews.None);

    /// <summary>A channel card's refresh: the best view the viewer has of the record, or nothing.</summary>
    public static VerbRule BestViewOf(RecordKind record) => new(record, RecordViews.Working | RecordViews.Shared | RecordViews.Starter);
}
