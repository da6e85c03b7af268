using Azure;

namespace TeamsPolicyBot.Storage;

/// <summary>A workflow record as stored, with the ETag to hand back when saving a change to it.</summary>
internal sealed record StoredRecord<T>(T Record, ETag ETag);

/// <summary>The outcome of an optimistic save.</summary>
internal abstract record SaveResult
{
    private SaveResult()
    {
    }

    /// <summary>Written; the new ETag is the one to use for the next change.</summary>
    public sealed record Saved(ETag ETag) : SaveResult;

    /// <summary>Someone else changed (or removed) the record since it was read: reload and decide again.</summary>
    public sealed record Conflict : SaveResult;
}

/// <summary>The outcome of submitting a form that makes a record.</summary>
/// <param name="Created">False when this submission id had already produced the record (a retried invoke).</param>
internal sealed record SubmitResult<T>(T Record, ETag ETag, bool Created);
