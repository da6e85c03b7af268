namespace TeamsPolicyBot.People;

/// <summary>Finds a person's line manager (Microsoft Graph, or <c>Directory:Managers</c> in local runs).</summary>
internal interface IManagerDirectory
{
    /// <summary>
    /// The line manager of the person with this Entra object id. Directory failures come back as
    /// <see cref="ManagerUnavailable"/>, never as exceptions; only the caller's own cancellation throws,
    /// and an id that is not an Entra object id (a GUID), such as a Teams "29:..." id, throws
    /// <see cref="ArgumentException"/>: pass <c>from.aadObjectId</c>, not <c>from.id</c>.
    /// </summary>
    Task<ManagerLookup> FindManagerAsync(string userAadObjectId, CancellationToken cancellationToken);
}
