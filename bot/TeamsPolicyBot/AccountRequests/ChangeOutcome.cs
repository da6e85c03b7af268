using TeamsPolicyBot.Storage.AccountRequests;

namespace TeamsPolicyBot.AccountRequests;

/// <summary>
/// The result of applying one state change to a stored request: the saved new state, or the
/// refusal with the state that caused it. Two people clicking at once both read the same ETag;
/// the second save conflicts, re-reads, and is refused by the state machine ("already approved
/// by ..."), so a decision happens exactly once.
/// </summary>
internal sealed record ChangeOutcome(AccountRequest? Changed, AccountRequest? Current, TransitionRefusal? Refusal)
{
    public string RefusalMessage => Refusal?.Message ?? "That request could not be found.";

    public static async Task<ChangeOutcome> ApplyAsync(
        IAccountRequests requests, string reference, Func<AccountRequest, TransitionResult> transition, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (await requests.GetAsync(reference, cancellationToken) is not { } stored)
            {
                return new ChangeOutcome(null, null, null);
            }

            var result = transition(stored.Request);
            if (!result.Succeeded)
            {
                return new ChangeOutcome(null, stored.Request, result.Refusal);
            }

            if (await requests.SaveAsync(result.Request, stored.ETag, cancellationToken) is SaveResult.Saved)
            {
                return new ChangeOutcome(result.Request, result.Request, null);
            }
        }

        throw new InvalidOperationException($"{reference} kept changing under us; gave up after {attempts} attempts.");
    }
}
