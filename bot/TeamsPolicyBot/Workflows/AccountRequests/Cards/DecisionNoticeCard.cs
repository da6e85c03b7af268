using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// Binds cards/account-requests/decision-notice.json: the requester's notice, in their personal chat, that request
/// <see cref="Reference"/> was approved, rejected, sent back for changes (with "Edit and resubmit":
/// <c>accountRequest.edit</c> {reference}, and "Withdraw request") or withdrawn. Names and typed text must already
/// be escaped with <see cref="Markdown.Escape"/>; the factories do that.
/// </summary>
/// <param name="Reference">"SMA-2026-0042".</param>
/// <param name="Status">The <c>AccountRequestStatus</c> name: Approved, Rejected, ChangesRequested or Withdrawn.</param>
/// <param name="AccountName">"Instagram account @MRCGambia\_Malaria", escaped (see <see cref="AccountRequestCardText.AccountName"/>).</param>
/// <param name="DecidedOn">When it was decided or withdrawn, "25 Nov 2026 at 14:05".</param>
internal sealed record DecisionNoticeCard(string Reference, string Status, string AccountName, string DecidedOn)
{
    /// <summary>The approver's name, escaped (not shown for Withdrawn).</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Rejected: the preset reason's words, e.g. "Reputational risk (4.2)".</summary>
    public string? Reason { get; init; }

    /// <summary>Rejected: what the approver added, escaped; may be empty.</summary>
    public string? Details { get; init; }

    /// <summary>ChangesRequested: the approver's message, escaped.</summary>
    public string? Message { get; init; }

    /// <summary>Approved: when the first annual audit is due, "25 Nov 2027".</summary>
    public string? AuditDue { get; init; }

    /// <summary>Where to talk to Comms about a rejection (<c>Comms:ContactEmail</c>).</summary>
    public string ContactEmail { get; init; } = "";

    /// <summary>Approved, for an account that did not exist yet: the notice asks for its link and handle once it does.</summary>
    public bool NeedsLink { get; init; }

    /// <summary>The handle the request proposed, to start the link form with (escaped is not needed: it is an input's value).</summary>
    public string ProposedHandle { get; init; } = "";

    public string StatusText => AccountRequestCardText.StatusText(Status);

    public bool IsApproved => Status == "Approved";

    public bool IsRejected => Status == "Rejected";

    public bool IsChangesRequested => Status == "ChangesRequested";

    public bool IsWithdrawn => Status == "Withdrawn";

    /// <param name="accountName">Escaped, see <see cref="AccountRequestCardText.AccountName"/>.</param>
    /// <param name="auditDue">The approved account's next audit (a year after approval, 4.3 and 4.17).</param>
    public static DecisionNoticeCard Approved(string reference, string accountName, string approverName, DateTimeOffset at, DateTimeOffset auditDue) =>
        new(reference, "Approved", accountName, CardDates.DateAndTime(at)) { DecidedBy = Markdown.Escape(approverName), AuditDue = CardDates.Date(auditDue) };

    /// <param name="rejectReason">The <c>rejectReason</c> value; <paramref name="rejectDetails"/> is raw.</param>
    public static DecisionNoticeCard Rejected(string reference, string accountName, string approverName, DateTimeOffset at, string rejectReason, string? rejectDetails) =>
        new(reference, "Rejected", accountName, CardDates.DateAndTime(at))
        {
            DecidedBy = Markdown.Escape(approverName),
            Reason = AccountRequestCardText.Label(AccountRequestCardText.RejectReasons, rejectReason),
            Details = Markdown.Escape(rejectDetails),
        };

    /// <param name="message">The approver's message, raw.</param>
    public static DecisionNoticeCard ChangesRequested(string reference, string accountName, string approverName, DateTimeOffset at, string message) =>
        new(reference, "ChangesRequested", accountName, CardDates.DateAndTime(at)) { DecidedBy = Markdown.Escape(approverName), Message = Markdown.Escape(message) };

    public static DecisionNoticeCard Withdrawn(string reference, string accountName, DateTimeOffset at) =>
        new(reference, "Withdrawn", accountName, CardDates.DateAndTime(at));
}
