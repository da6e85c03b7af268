using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage.Counters;

/// <summary>
/// A counter row bumped with an ETag-conditional replace: of several instances that read the
/// same value only one write succeeds (the others get 412 and read again), so no number is ever
/// handed out twice. The first number of a year is an insert, which only one caller wins (409).
/// </summary>
internal sealed class ReferenceNumbers(TableStorage storage, TimeProvider time) : IReferenceNumbers
{
    // Each round of a race has one winner, so n concurrent callers need at most n rounds; this
    // bound is far above the contention a Teams bot sees and only stops a pathological loop.
    private const int MaxAttempts = 200;

    private readonly TableClient table = storage.GetTable(TableNames.Counters);

    public async Task<string> NextAsync(string prefix, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length is < 2 or > 5 || !prefix.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A reference prefix is 2-5 capital letters, such as SMA.", nameof(prefix));
        }

        var year = time.GetUtcNow().Year;
        var partition = CounterKeys.Partition(prefix);
        var row = CounterKeys.Row(year);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var value = await TryIncrementAsync(partition, row, cancellationToken).ConfigureAwait(false);
            if (value is { } taken)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{taken:D4}");
            }

            // Let the winner's response land before reading again.
            await Task.Yield();
        }

        throw new InvalidOperationException($"Could not take a {prefix} reference number after {MaxAttempts} attempts: too many writers on one counter.");
    }

    private async Task<long?> TryIncrementAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                await table.AddEntityAsync(new TableEntity(partition, row) { [CounterKeys.ValueColumn] = 1L }, cancellationToken).ConfigureAwait(false);
                return 1;
            }

            var entity = current.Value!;
            var next = (entity.GetInt64(CounterKeys.ValueColumn) ?? 0) + 1;
            entity[CounterKeys.ValueColumn] = next;
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return next;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }
}
