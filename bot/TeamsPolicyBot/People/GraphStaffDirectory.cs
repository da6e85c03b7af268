using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using GraphServiceClient = Microsoft.Graph.GraphServiceClient;
using MsalException = Microsoft.Identity.Client.MsalException;
using ODataError = Microsoft.Graph.Models.ODataErrors.ODataError;

namespace TeamsPolicyBot.People;

/// <summary>
/// Leavers from Microsoft Graph: <c>GET /users/{id}?$select=id,accountEnabled</c> for each person, one at a time (a daily
/// check over a few hundred administrators; one at a time keeps well inside Graph's throttling). A 404
/// <c>Request_ResourceNotFound</c> or <c>accountEnabled</c> false means they left. Any other failure stops the check and
/// answers null, so nobody is marked as a leaver because Graph was having a bad day. Logs carry no personal data: object ids
/// only where a person is named at all, and Graph's status and error code.
/// </summary>
internal sealed partial class GraphStaffDirectory(
    GraphServiceClient graph,
    IOptions<GraphOptions> options,
    ILogger<GraphStaffDirectory> logger) : IStaffDirectory
{
    private const string NotFoundCode = "Request_ResourceNotFound";
    private static readonly string[] UserFields = ["id", "accountEnabled"];

    public async Task<IReadOnlySet<string>?> FindLeaversAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectIds);
        var leavers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in aadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            switch (await HasLeftAsync(id, cancellationToken).ConfigureAwait(false))
            {
                case null:
                    return null;
                case true:
                    leavers.Add(id);
                    break;
            }
        }

        return leavers;
    }

    /// <summary>True when they left, false when they are still staff, null when Graph could not say.</summary>
    private async Task<bool?> HasLeftAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var user = await graph.Users[aadObjectId]
                .GetAsync(request => request.QueryParameters.Select = UserFields, timeout.Token)
                .ConfigureAwait(false);
            return user?.AccountEnabled == false;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404 && error.Error?.Code == NotFoundCode)
        {
            return true;
        }
        catch (ApiException error)
        {
            return Unavailable($"Graph answered {error.ResponseStatusCode} {(error as ODataError)?.Error?.Code}".TrimEnd() + ".");
        }
        catch (HttpRequestException error)
        {
            return Unavailable($"Graph could not be reached ({error.HttpRequestError}).");
        }
        catch (MsalException error)
        {
            return Unavailable($"No token for Graph ({error.ErrorCode}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable($"Graph did not answer within {options.Value.Timeout}.");
        }
    }

    private bool? Unavailable(string reason)
    {
        LogUnavailable(logger, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph: could not check who has left the university: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
