using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Official accounts under the retention schedule: a closed account goes <c>Retention:ClosedAccounts</c> after its closure,
/// with the approved request it came from (every row of it, through <see cref="AccountRequestRetention"/>). An account
/// with no closing date is never listed. The date is set when its administrators confirm it was closed on the platform (<see cref="OfficialAccount.ClosedAt"/>).
/// </summary>
internal sealed class OfficialAccountRetention(OfficialAccountRepository accounts, AccountRequestRetention requests) : IRetentionParticipant, IPersonalDataParticipant
{
    private const string KindName = "Official account";

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
            foreach (var person in account.Administrators.Select(admin => admin.AadObjectId).Concat(account.Invitations.Select(invite => invite.Person.AadObjectId)).Append(account.ApprovedBy.AadObjectId).OfType<string>().Where(id => id.Length > 0))
            {
                yield return person;
            }
        }
    }

    public async IAsyncEnumerable<PersonalRecord> FindAsync(string objectId, RetentionOptions schedule, bool deep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var roles = RolesOf(account, objectId).ToList();
            if (roles.Count > 0)
            {
                var deleteOn = account.ClosedAt + schedule.ClosedAccounts;
                yield return new PersonalRecord(account.SourceReference, Kind, KindName, roles, OfficialAccountStatuses.Text(account.Status), deleteOn, deleteOn is null ? "kept while the account is active" : $"deleted {Period.Words(schedule.ClosedAccounts)} after the account closed");
            }
        }
    }

    public async Task<JsonObject?> ExportAsync(string reference, CancellationToken cancellationToken) =>
        await accounts.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } account
            ? new JsonObject { ["kind"] = Kind, ["reference"] = reference, ["record"] = JsonSerializer.SerializeToNode(account, RecordColumns.Json) }
            : null;

    public async Task<ErasedRecord?> EraseAsync(string reference, PersonIdentity person, RetentionOptions schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(schedule);
        if (await accounts.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        var json = JsonSerializer.SerializeToNode(account, RecordColumns.Json);
        person.Learn(json);
        var roles = RolesOf(account, person.ObjectId).ToList();
        await accounts.ReplaceAsync(person.Scrub(json).Deserialize<OfficialAccount>(RecordColumns.Json)!, cancellationToken).ConfigureAwait(false);
        var until = account.ClosedAt is { } closed ? $"until {CardDates.Date(closed + schedule.ClosedAccounts)}" : "while the account is active";
        return new ErasedRecord(reference, Kind, roles.Count > 0 ? roles : ["named in its history"], $"{KindName}: the register of official accounts must say who approved and runs each account (policy 4.3, 5.4), {until}");
    }

    public async Task<string?> ObjectIdOfEmailAsync(string email, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(account => EmailLookup.ObjectIdBeside(JsonSerializer.SerializeToNode(account, RecordColumns.Json), email))
            .FirstOrDefault(found => found is not null);

    private static IEnumerable<string> RolesOf(OfficialAccount account, string objectId)
    {
        if (account.Administrators.Any(admin => string.Equals(admin.AadObjectId, objectId, StringComparison.OrdinalIgnoreCase)))
        {
            yield return "administrator";
        }

        if (account.RegisteredBy is { } registrant && string.Equals(registrant.AadObjectId, objectId, StringComparison.OrdinalIgnoreCase))
        {
            yield return "registered it";
        }

        if (account.Invitations.Any(invite => string.Equals(invite.Person.AadObjectId, objectId, StringComparison.OrdinalIgnoreCase)))
        {
            yield return "asked to become an administrator";
        }

        if (string.Equals(account.ApprovedBy.AadObjectId, objectId, StringComparison.OrdinalIgnoreCase))
        {
            yield return "approved it (Comms)";
        }
    }
}
