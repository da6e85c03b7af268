using System.Diagnostics.CodeAnalysis;
using Azure;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Records;

/// <summary>Why a state change was refused, in words for the person who tried.</summary>
internal interface IRefusal
{
    string Message { get; }
}

/// <summary>
/// What a record's state machine returns: the next state to save, or a refusal. Business rules never throw. Each
/// workflow names its own (<c>IncidentTransition</c>, ...) so its state machine reads in its own words.
/// </summary>
internal abstract record Transition<TRecord, TRefusal>(TRecord? Next, TRefusal? Refusal)
    where TRecord : class
    where TRefusal : class, IRefusal
{
    [MemberNotNullWhen(true, nameof(Next))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Next is not null;
}

/// <summary>
/// The result of applying one state change to a stored record: the saved new state, or the
/// refusal with the state that caused it. Two people clicking at once both read the same ETag;
/// the second save conflicts, re-reads, and is refused by the state machine ("already taken
/// by ..."), so an action happens exactly once.
/// </summary>
internal sealed record ChangeOutcome<TRecord, TRefusal>(TRecord? Changed, TRecord? Current, TRefusal? Refusal, string NotFoundMessage)
    where TRecord : class
    where TRefusal : class, IRefusal
{
    public string RefusalMessage => Refusal?.Message ?? NotFoundMessage;

    /// <param name="load">Reads the record and its ETag (null when there is none).</param>
    /// <param name="save">Saves only if the record still has the ETag it was read with.</param>
    /// <param name="alreadyRead">
    /// The record as this turn has just read it, to try first instead of reading it again (one table read less on a
    /// click); if it changed since, the save conflicts and the record is read afresh, as on any other conflict.
    /// </param>
    public static async Task<ChangeOutcome<TRecord, TRefusal>> ApplyAsync(
        string reference,
        Func<string, CancellationToken, Task<StoredRecord<TRecord>?>> load,
        Func<TRecord, ETag, CancellationToken, Task<SaveResult>> save,
        Func<TRecord, Transition<TRecord, TRefusal>> transition,
        int attempts,
        string notFoundMessage,
        CancellationToken cancellationToken,
        StoredRecord<TRecord>? alreadyRead = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(transition);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            // A missing or malformed reference is refused by the load (MalformedKeyException) before any
            // storage call: from a card, it means the card is out of date, not that the record is gone.
            var read = attempt == 0 ? alreadyRead : null;
            if ((read ?? await load(reference, cancellationToken)) is not { } stored)
            {
                return new(null, null, null, notFoundMessage);
            }

            var result = transition(stored.Record);
            if (result.Next is not { } next)
            {
                return new(null, stored.Record, result.Refusal, notFoundMessage);
            }

            if (await save(next, stored.ETag, cancellationToken) is SaveResult.Saved)
            {
                return new(next, next, null, notFoundMessage);
            }
        }

        throw new InvalidOperationException($"{reference} kept changing under us; gave up after {attempts} attempts.");
    }
}
