namespace TeamsPolicyBot.People;

/// <summary>A person's line manager as the directory knows them. Only the id is guaranteed.</summary>
internal sealed record Manager(string AadObjectId, string? DisplayName = null, string? Email = null)
{
    /// <summary>Checks that <paramref name="userAadObjectId"/> is an Entra object id and returns it as a GUID.</summary>
    internal static Guid RequireObjectId(string userAadObjectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        return Guid.TryParse(userAadObjectId, out var id)
            ? id
            : throw new ArgumentException("Expected the person's Entra object id (a GUID, Teams' aadObjectId), not a Teams user id.", nameof(userAadObjectId));
    }
}

/// <summary>
/// What a manager lookup found. Exactly one of <see cref="ManagerFound"/>, <see cref="NoManager"/>
/// and <see cref="ManagerUnavailable"/>; for the last two the caller lets the person pick their manager.
/// </summary>
internal abstract record ManagerLookup
{
    private protected ManagerLookup()
    {
    }
}

/// <summary>The directory names a manager.</summary>
internal sealed record ManagerFound(Manager Manager) : ManagerLookup;

/// <summary>The directory answers that this person has no manager (Graph 404, or not in <c>Directory:Managers</c>).</summary>
internal sealed record NoManager : ManagerLookup
{
    public static NoManager Instance { get; } = new();

    private NoManager()
    {
    }
}

/// <summary>
/// The directory could not be asked (Graph 403 for a missing permission, 5xx, a timeout, no token).
/// <paramref name="Reason"/> is for logs and support: it never holds personal data.
/// </summary>
internal sealed record ManagerUnavailable(string Reason) : ManagerLookup;
