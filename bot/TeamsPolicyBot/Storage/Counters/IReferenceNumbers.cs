namespace TeamsPolicyBot.Storage.Counters;

/// <summary>Human-friendly, unique record references such as <c>SMA-2026-0042</c>, numbered per prefix and year.</summary>
internal interface IReferenceNumbers
{
    /// <summary>
    /// The next reference for <paramref name="prefix"/> (2-5 capital letters: SMA, INC, HSR) in
    /// the current UTC year: <c>{prefix}-{year}-{n:D4}</c>, more digits past 9999. Unique across
    /// instances; consecutive except when a caller takes a number and then fails to use it.
    /// </summary>
    Task<string> NextAsync(string prefix, CancellationToken cancellationToken = default);
}
