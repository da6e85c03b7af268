using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.HarassmentSupport;

/// <summary>
/// A stand-in manager lookup over <c>Directory:Managers</c> only, registered with TryAdd so the real
/// directory (Graph, then this map) replaces it.
/// </summary>
internal sealed class ConfiguredManagerDirectory(IOptions<DirectoryOptions> options) : IManagerDirectory
{
    public Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        var match = options.Value.Managers.FirstOrDefault(pair => Guid.TryParse(pair.Key, out var user) && Guid.TryParse(userAadObjectId, out var asked) && user == asked);
        return Task.FromResult<ManagerLookup>(match.Value is { Length: > 0 } manager
            ? new ManagerLookup.Found(new Manager(manager, null, null))
            : new ManagerLookup.NoManager());
    }
}
