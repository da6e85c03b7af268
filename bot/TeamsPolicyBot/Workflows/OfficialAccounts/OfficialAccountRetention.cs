using System.Runtime.CompilerServices;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Official accounts under the retention schedule: a closed account goes <c>Retention:ClosedAccounts</c> after its closure,
/// with the approved request it came from (every row of it, through <see cref="AccountRequestRetention"/>). An account
/// with no closing date is never listed. The date is set when its administrators confirm it was closed on the platform (<see cref="OfficialAccount.ClosedAt"/>).
/// </summary>
internal sealed class OfficialAccountRetention(OfficialAccountRepository accounts, AccountRequestRetention requests) : IRetentionParticipant
{
    public string Kind => "ClosedAccounts";

    public TimeSpan PeriodOf(RetentionOptions options) => options.ClosedAccounts;

    public async IAsyncEnumerable<EndedRecord> EndedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (account.ClosedAt is { } closed && closed < cutoff)
            {
                // The approval card in the Comms channel belongs to the request, whose rows go with the account.
                yield return new EndedRecord(account.SourceReference, await requests.ChannelCardAsync(account.SourceReference, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    public async Task<int> DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        // The request first, the account last: a sweep cut short still lists the account next time.
        var deleted = await requests.DeleteAsync(reference, cancellationToken).ConfigureAwait(false);
        return deleted + (await accounts.DeleteAsync(reference, cancellationToken).ConfigureAwait(false) ? 1 : 0);
    }

    public async IAsyncEnumerable<string> PeopleAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var person in account.Administrators.Select(admin => admin.AadObjectId).Append(account.ApprovedBy.AadObjectId).OfType<string>())
            {
                yield return person;
            }
        }
    }
}
