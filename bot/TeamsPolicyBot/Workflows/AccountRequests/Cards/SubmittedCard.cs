using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// Binds cards/account-requests/submitted.json: replaces the form for the requester after a valid submit, with the
/// reference, status Pending, what happens next, a Withdraw button (<c>accountRequest.withdraw</c> {reference}) and
/// a summary of what was asked for.
/// </summary>
/// <param name="Reference">"SMA-2026-0042".</param>
/// <param name="IsResubmission">True after "edit and resubmit" (the title says "updated request").</param>
/// <param name="SubmittedOn">"25 Nov 2026 at 10:12" (see <see cref="CardDates.DateAndTime"/>).</param>
/// <param name="Summary">Escaped, as <see cref="RequestSummary.From"/> makes it.</param>
internal sealed record SubmittedCard(string Reference, bool IsResubmission, string SubmittedOn, RequestSummary Summary)
{
    public static SubmittedCard Create(string reference, bool isResubmission, DateTimeOffset submittedAt, RequestSummary summary) =>
        new(reference, isResubmission, CardDates.DateAndTime(submittedAt), summary);
}
