namespace TeamsPolicyBot.People;

/// <summary>Finds a person's line manager (Microsoft Graph, or the <c>Directory:Managers</c> map).</summary>
internal interface IManagerDirectory
{
    Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken);
}

/// <summary>What a manager lookup found.</summary>
internal abstract record ManagerLookup
{
    private ManagerLookup()
    {
    }

    public sealed record Found(Manager Manager) : ManagerLookup;

    public sealed record NoManager : ManagerLookup;

    public sealed record Unavailable(string Reason) : ManagerLookup;
}

/// <summary>A line manager: their Entra object id and, when known, their name and email.</summary>
internal sealed record Manager(string AadObjectId, string? DisplayName, string? Email);
