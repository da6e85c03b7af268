using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.AccountRequests;

internal enum RefusalKind
{
    /// <summary>The request's status does not allow it (already decided, withdrawn, or not waiting for changes).</summary>
    NotAllowedInStatus,

    /// <summary>Only the requester may withdraw or resubmit.</summary>
    NotTheRequester,

    /// <summary>The card that was clicked shows an older version than the stored one.</summary>
    StaleVersion,

    /// <summary>A reject reason or changes message is missing or too long.</summary>
    InvalidInput,

    /// <summary>The same resubmission arrived again (Teams retried the invoke): nothing to do.</summary>
    DuplicateSubmission,

    /// <summary>A Comms approver acting on a request they made themselves where only the rest of the team may (a note).</summary>
    OwnRequest,
}

/// <summary>Why a transition did not happen, in words for the person who tried, with the state that stopped it.</summary>
internal sealed record TransitionRefusal(RefusalKind Kind, string Message, AccountRequestStatus Status, Decision? Decision) : IRefusal;

/// <summary>Either the new state to save, or a refusal. Business rules never throw.</summary>
internal sealed record TransitionResult(AccountRequest? Next, TransitionRefusal? Refusal) : Transition<AccountRequest, TransitionRefusal>(Next, Refusal);
