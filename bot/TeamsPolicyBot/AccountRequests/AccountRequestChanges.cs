using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.AccountRequests;

namespace TeamsPolicyBot.AccountRequests;

/// <summary>One state change to a stored account request, exactly once under concurrent clicks (see <see cref="ChangeOutcome{TRecord, TRefusal}"/>).</summary>
internal static class AccountRequestChanges
{
    public static Task<ChangeOutcome<AccountRequest, TransitionRefusal>> ApplyAsync(
        IAccountRequests requests, string reference, Func<AccountRequest, TransitionResult> transition, int attempts, CancellationToken cancellationToken) =>
        ChangeOutcome<AccountRequest, TransitionRefusal>.ApplyAsync(
            reference,
            async (key, ct) => await requests.GetAsync(key, ct) is { } stored ? new StoredRecord<AccountRequest>(stored.Request, stored.ETag) : null,
            (request, etag, ct) => requests.SaveAsync(request, etag, ct),
            transition,
            attempts,
            "That request could not be found.",
            cancellationToken);
}
