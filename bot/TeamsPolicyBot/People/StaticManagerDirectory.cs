using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.People;

/// <summary>
/// Line managers from <c>Directory:Managers</c> (user object id → manager object id), for local
/// runs and tenants without Graph. Ids are GUIDs, so case and braces do not matter; manager ids
/// come back in the lower-case form Teams uses. The map holds ids only, so the manager is named as
/// Teams knows them (<see cref="IPersonNames"/>): a person must see who will be told before confirming.
/// </summary>
internal sealed class StaticManagerDirectory : IManagerDirectory
{
    private readonly Dictionary<Guid, string> managers = [];
    private readonly IPersonNames names;

    public StaticManagerDirectory(IOptions<DirectoryOptions> options, IPersonNames names)
    {
        this.names = names;
        foreach (var (user, manager) in options.Value.Managers)
        {
            // Validation at start rejects entries that are not GUIDs; skip them here all the same.
            if (Guid.TryParse(user, out var userId) && Guid.TryParse(manager, out var managerId))
            {
                managers[userId] = managerId.ToString("D");
            }
        }
    }

    public async Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        if (!managers.TryGetValue(Manager.RequireObjectId(userAadObjectId), out var managerId))
        {
            return NoManager.Instance;
        }

        var name = await names.FindNameAsync(managerId, cancellationToken);
        return new ManagerFound(new Manager(managerId, name?.DisplayName, name?.Email));
    }
}
