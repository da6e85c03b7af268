namespace TeamsPolicyBot.People;

/// <summary>Finds a person's line manager (Microsoft Graph, or <c>Directory:Managers</c> in local runs).</summary>
internal interface IManagerDirectory
{
    /// <summary>
    /// The line manager of the person with this Entra object id. Directory failures come back as
    /// <see cref="ManagerUnavailable"/>, never as exceptions; only the caller's own cancellation throws.
    /// </summary>
    Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken);
}
