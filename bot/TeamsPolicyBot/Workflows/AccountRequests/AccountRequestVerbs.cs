namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The verbs the account request cards carry (see cards/account-requests/).</summary>
internal static class AccountRequestVerbs
{
    public const string Start = "account.request";
    public const string Submit = "accountRequest.submit";
    public const string Edit = "accountRequest.edit";
    public const string Withdraw = "accountRequest.withdraw";
    public const string Approve = "accountRequest.approve";
    public const string Reject = "accountRequest.reject";
    public const string RequestChanges = "accountRequest.requestChanges";
    public const string Refresh = "accountRequest.refresh";

    /// <summary>"Add a note" on a Comms approver's own view of the approval card: a note for the Comms team only.</summary>
    public const string Note = "accountRequest.note";
}
