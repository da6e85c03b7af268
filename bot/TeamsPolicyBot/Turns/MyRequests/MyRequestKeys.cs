using System.Globalization;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Turns.MyRequests;

/// <summary>
/// Partition = the requester's object id (lowercase GUID), so a list is one partition read.
/// Row = <c>{inverted creation second:D19}-{reference}</c>: Table Storage returns rows in key
/// order, so the newest comes first with no sorting. The key uses whole seconds of the creation
/// time, which every stored copy of a record reproduces exactly, so an update lands on the
/// same row; the reference breaks ties within a second.
/// </summary>
internal static class MyRequestKeys
{
    /// <summary>The person's partition; <see cref="MalformedKeyException"/> when the id is not an Entra object id.</summary>
    public static string Partition(string requesterAadObjectId) => TableKey.Encode(KeyFormats.ObjectId(requesterAadObjectId));

    public static string Row(DateTimeOffset createdAt, string reference)
    {
        var seconds = createdAt.UtcTicks / TimeSpan.TicksPerSecond;
        var inverted = (DateTimeOffset.MaxValue.UtcTicks / TimeSpan.TicksPerSecond) - seconds;
        return string.Create(CultureInfo.InvariantCulture, $"{inverted:D19}-{TableKey.Encode(reference)}");
    }
}
