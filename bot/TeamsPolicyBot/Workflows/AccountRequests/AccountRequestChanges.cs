using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>One state change to a stored account request, exactly once under concurrent clicks (see <see cref="ChangeOutcome{TRecord, TRefusal}"/>).</summary>
internal static class AccountRequestChanges
{
    public const int Attempts = 3;

    public static Task<ChangeOutcome<AccountRequest, TransitionRefusal>> ApplyAsync(
        this IAccountRequests requests, string reference, Func<AccountRequest, TransitionResult> transition, CancellationToken cancellationToken) =>
        ChangeOutcome<AccountRequest, TransitionRefusal>.ApplyAsync(
            reference,
            requests.GetAsync,
            requests.SaveAsync,
            transition,
            Attempts,
            "That request could not be found.",
            cancellationToken);
}
