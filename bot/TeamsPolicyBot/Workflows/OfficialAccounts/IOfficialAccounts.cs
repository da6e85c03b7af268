using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The directory of official accounts that audits and handovers build on.</summary>
internal interface IOfficialAccounts
{
    /// <summary>
    /// Adds the account an approved request describes, or returns the one already added for that
    /// request (a retried approval must not list an account twice). Throws for a request that is not approved.
    /// </summary>
    Task<OfficialAccount> AddFromApprovedRequestAsync(AccountRequest request, CancellationToken cancellationToken = default);

    Task<OfficialAccount?> GetAsync(string sourceReference, CancellationToken cancellationToken = default);

    /// <summary>Every account in the directory, in reference order.</summary>
    Task<IReadOnlyList<OfficialAccount>> ListAsync(CancellationToken cancellationToken = default);
}
