using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>How an account request appears in "My requests".</summary>
internal static class AccountRequestIndex
{
    public const string Kind = "Official account request";

    public static MyRequestItem ToMyRequestItem(this AccountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MyRequestItem(
            request.Requester.AadObjectId,
            request.Reference,
            Kind,
            request.Details.Title,
            StatusText(request.Status),
            request.CreatedAt,
            request.UpdatedAt);
    }

    public static string StatusText(AccountRequestStatus status) => status switch
    {
        AccountRequestStatus.Pending => "Pending",
        AccountRequestStatus.Approved => "Approved",
        AccountRequestStatus.Rejected => "Rejected",
        AccountRequestStatus.ChangesRequested => "Changes requested",
        AccountRequestStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };
}
