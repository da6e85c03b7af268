using System.Collections.Immutable;

namespace TeamsPolicyBot.Records;

/// <summary>
/// How long a list that grows with a record's life (case messages, questions, history) may get inside the record: past
/// <see cref="Max"/> entries its oldest move out (to the record's child rows, see <see cref="Storage.RecordSplit{T}"/>)
/// until <see cref="Keep"/> are left. The gap between the two means a move happens once every few changes, not at each.
/// </summary>
internal sealed record ListBound(int Max, int Keep)
{
    /// <summary>
    /// The entries that stay and those that move, both oldest first. Only entries <paramref name="movable"/> allows move
    /// (e.g. a question still waiting for its answer stays, whatever its age).
    /// </summary>
    public (ImmutableList<T> Kept, ImmutableList<T> Moved) Split<T>(ImmutableList<T> list, Func<T, bool>? movable = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count <= Max)
        {
            return (list, []);
        }

        var toMove = list.Count - Keep;
        var kept = ImmutableList.CreateBuilder<T>();
        var moved = ImmutableList.CreateBuilder<T>();
        foreach (var entry in list)
        {
            (moved.Count < toMove && (movable?.Invoke(entry) ?? true) ? moved : kept).Add(entry);
        }

        return (kept.ToImmutable(), moved.ToImmutable());
    }
}
