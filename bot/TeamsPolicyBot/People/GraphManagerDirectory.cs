using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using GraphServiceClient = Microsoft.Graph.GraphServiceClient;
using GraphUser = Microsoft.Graph.Models.User;
using MsalException = Microsoft.Identity.Client.MsalException;
using ODataError = Microsoft.Graph.Models.ODataErrors.ODataError;

namespace TeamsPolicyBot.People;

/// <summary>
/// Line managers from Microsoft Graph (<c>GET /users/{id}/manager</c>). A 404
/// <c>Request_ResourceNotFound</c> is the normal "no manager" answer; a missing permission (403),
/// a server error, no token or a timeout make the manager unavailable, so the person picks them.
/// Logs carry the user's object id and Graph's status and error code, nothing else.
/// </summary>
internal sealed partial class GraphManagerDirectory(
    GraphServiceClient graph,
    IOptions<GraphOptions> options,
    ILogger<GraphManagerDirectory> logger) : IManagerDirectory
{
    private const string NotFoundCode = "Request_ResourceNotFound";
    private static readonly string[] ManagerFields = ["id", "displayName", "mail"];

    public async Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        var userId = Manager.RequireObjectId(userAadObjectId).ToString("D");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var manager = await graph.Users[userId].Manager
                .GetAsync(request => request.QueryParameters.Select = ManagerFields, timeout.Token)
                .ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(manager?.Id))
            {
                return Unavailable(userAadObjectId, "Graph answered without a manager id.");
            }

            // The manager is a directoryObject: a user in practice, an org contact in rare tenants.
            var user = manager as GraphUser;
            LogFound(logger, userAadObjectId, manager.Id);
            return new ManagerFound(new Manager(manager.Id, user?.DisplayName, user?.Mail));
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404 && error.Error?.Code == NotFoundCode)
        {
            LogNoManager(logger, userAadObjectId);
            return NoManager.Instance;
        }
        catch (ApiException error)
        {
            var code = (error as ODataError)?.Error?.Code;
            var reason = error.ResponseStatusCode == 403
                ? $"Graph refused the lookup (403 {code}): the app registration needs the application permission User.Read.All with admin consent."
                : $"Graph answered {error.ResponseStatusCode} {code}".TrimEnd() + ".";
            return Unavailable(userAadObjectId, reason);
        }
        catch (HttpRequestException error)
        {
            return Unavailable(userAadObjectId, $"Graph could not be reached ({error.HttpRequestError}).");
        }
        catch (MsalException error)
        {
            return Unavailable(userAadObjectId, $"No token for Graph ({error.ErrorCode}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(userAadObjectId, $"Graph did not answer within {options.Value.Timeout}.");
        }
    }

    private ManagerUnavailable Unavailable(string userAadObjectId, string reason)
    {
        LogUnavailable(logger, userAadObjectId, reason);
        return new ManagerUnavailable(reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Graph: manager of {UserId} is {ManagerId}")]
    private static partial void LogFound(ILogger logger, string userId, string managerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph: {UserId} has no manager")]
    private static partial void LogNoManager(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph: manager of {UserId} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string userId, string reason);
}
