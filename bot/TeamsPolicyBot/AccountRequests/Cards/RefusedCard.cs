using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.AccountRequests.Cards;

/// <summary>
/// Binds cards/account-requests/refused.json: a short refusal shown only to the person who clicked (in the invoke
/// response), while the card everyone else sees stays as it was. Bot-written text; a name in it must be escaped.
/// </summary>
/// <param name="Title">"Only Comms approvers can decide".</param>
/// <param name="Message">One or two plain sentences saying why and what to do instead.</param>
internal sealed record RefusedCard(string Title, string Message)
{
    public static RefusedCard NotAnApprover() => new(
        "Only Comms approvers can decide",
        "Only Comms approvers can decide on account requests. The request has not changed.");

    public static RefusedCard OwnRequest() => new(
        "You can't decide on your own request",
        "Another Comms approver needs to decide on this request. The request has not changed.");

    public static RefusedCard NotYourRequest() => new(
        "This is not your request",
        "Only the person who made a request can withdraw or change it.");

    /// <summary>
    /// "Already approved": the later click on a decided request. <paramref name="status"/> is the <c>AccountRequestStatus</c>
    /// name it reached (not Pending); <paramref name="byName"/> (raw) is who decided, or null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is Pending or unknown.</exception>
    public static RefusedCard AlreadyDecided(string reference, string status, string? byName, DateTimeOffset at)
    {
        var (title, done) = status switch
        {
            "Approved" => ("Already approved", "approved"),
            "Rejected" => ("Already rejected", "rejected"),
            "ChangesRequested" => ("Changes already requested", "sent back for changes"),
            "Withdrawn" => ("Already withdrawn", "withdrawn"),
            _ => throw new ArgumentException($"'{status}' is not a decided status.", nameof(status)),
        };
        var by = string.IsNullOrWhiteSpace(byName) ? "" : $" by {Markdown.Escape(byName)}";
        return new(title, $"Request {reference} was already {done}{by} on {CardDates.DateAndTime(at)}, so nothing has changed.");
    }
}
