namespace TeamsPolicyBot.People;

/// <summary>
/// Whether people are still members of staff, from the university's directory (Microsoft Graph). Registered only when
/// <c>Graph:Enabled</c> is true: without it nothing checks the directory, and Comms marks leavers by hand.
/// </summary>
internal interface IStaffDirectory
{
    /// <summary>
    /// Which of <paramref name="aadObjectIds"/> have left: deleted from the directory (404) or with their sign-in
    /// disabled (<c>accountEnabled</c> false). Null when the directory could not answer for all of them: then nobody is
    /// judged on a partial answer.
    /// </summary>
    Task<IReadOnlySet<string>?> FindLeaversAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken);
}
