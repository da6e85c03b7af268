using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.People;

/// <summary>
/// Line managers from <c>Directory:Managers</c> (user object id → manager object id), for local
/// runs and tenants without Graph. Ids are GUIDs, so case and braces do not matter; manager ids
/// come back in the lower-case form Teams uses.
/// </summary>
internal sealed class StaticManagerDirectory : IManagerDirectory
{
    private readonly Dictionary<Guid, string> managers = [];

    public StaticManagerDirectory(IOptions<DirectoryOptions> options)
    {
        foreach (var (user, manager) in options.Value.Managers)
        {
            // Validation at start rejects entries that are not GUIDs; skip them here all the same.
            if (Guid.TryParse(user, out var userId) && Guid.TryParse(manager, out var managerId))
            {
                managers[userId] = managerId.ToString("D");
            }
        }
    }

    public Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        ManagerLookup result = managers.TryGetValue(Manager.RequireObjectId(userAadObjectId), out var managerId)
            ? new ManagerFound(new Manager(managerId))
            : NoManager.Instance;
        return Task.FromResult(result);
    }
}
