using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The register of official accounts (policy 4.1) that audits and handovers build on.</summary>
internal interface IOfficialAccounts
{
    /// <summary>
    /// Adds the account an approved request describes, or returns the one already added for that
    /// request (a retried approval must not list an account twice). Throws for a request that is not approved.
    /// </summary>
    Task<OfficialAccount> AddFromApprovedRequestAsync(AccountRequest request, CancellationToken cancellationToken = default);

    Task<OfficialAccount?> GetAsync(string sourceReference, CancellationToken cancellationToken = default);

    /// <summary>One change to an account (an audit step, closing), exactly once under concurrent clicks: ETag-conditional, re-read and re-decided on a conflict.</summary>
    Task<ChangeOutcome<OfficialAccount, AccountRefusal>> ApplyAsync(string sourceReference, Func<OfficialAccount, AccountTransition> transition, CancellationToken cancellationToken = default);

    /// <summary>Every account in the register, in reference order.</summary>
    Task<IReadOnlyList<OfficialAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The account already registered on this platform with this handle (case and a leading "@" ignored), or null:
    /// one point read of the handle index.
    /// </summary>
    Task<RegisteredHandle?> FindByHandleAsync(SocialPlatform platform, string platformName, string handle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the registration <paramref name="create"/> makes, once per <paramref name="submissionId"/>: a retry returns
    /// the first one (Created false). <paramref name="create"/> takes a reference number, so it runs only when needed.
    /// </summary>
    Task<(OfficialAccount Account, bool Created)> RegisterAsync(string submissionId, Func<CancellationToken, Task<OfficialAccount>> create, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points the handle index at <paramref name="account"/> (a registration Comms added, a handle its administrators
    /// corrected); the row of <paramref name="previousHandleKey"/> goes when it pointed at this account.
    /// </summary>
    Task IndexHandleAsync(OfficialAccount account, string? previousHandleKey = null, CancellationToken cancellationToken = default);

    /// <summary>Writes the handle index row of every account that lacks one (accounts added before the index existed). Returns how many it wrote.</summary>
    Task<int> IndexHandlesAsync(CancellationToken cancellationToken = default);
}

/// <summary>What the handle index holds about the account it points at: enough to name it on a card without reading it.</summary>
internal sealed record RegisteredHandle(string SourceReference, string PlatformName, string Handle, string UnitName);
