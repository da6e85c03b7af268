using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The account request cards (cards/account-requests/).</summary>
[CardTemplateNames]
internal static class AccountRequestCardNames
{
    /// <summary>The official account request form (new, re-shown with errors, or edited after "ask for changes").</summary>
    public const string Form = "account-requests/request-form";

    /// <summary>Replaces the form for the requester after a valid submit: reference, what happens next, Withdraw.</summary>
    public const string Submitted = "account-requests/submitted";

    /// <summary>The Comms channel card: summary, Approve / Reject / Ask for changes, outcome, audit trail.</summary>
    public const string Approval = "account-requests/approval";

    /// <summary>The requester's notice of an outcome: approved, rejected, changes requested or withdrawn.</summary>
    public const string DecisionNotice = "account-requests/decision-notice";
}
