using System.Net;
using Azure;
using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

internal static class TableRows
{
    /// <summary>
    /// Deletes one row whatever its ETag (retention: the row goes whatever changed in it); false when it was already gone,
    /// so a sweep that runs again after a crash simply skips what it deleted the first time.
    /// </summary>
    public static async Task<bool> DeleteIfExistsAsync(this TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
