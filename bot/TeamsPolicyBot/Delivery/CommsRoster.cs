using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Connector;

namespace TeamsPolicyBot.Delivery;

/// <summary>How a roster look-up ended; <see cref="Member"/> is set when the person was found.</summary>
internal sealed record RosterLookup(UnreachableReason Reason, KnownMember? Member = null);

/// <summary>
/// Finds a person's Teams user id (<c>29:...</c>) in the Comms team's roster, reading it page by
/// page until they turn up. The connector only accepts that id for a new 1:1 chat; an Entra
/// object id is accepted at creation but every post into that chat then fails.
/// </summary>
internal sealed class CommsRoster(IConnectorClient connector, CommsTeamLocator locator, IOptions<CommsOptions> comms, TimeProvider time)
{
    // The connector's largest page: fewer round trips inside the short time budget.
    private const int PageSize = 500;

    // A guard against a connector that keeps handing out continuation tokens: far beyond any real team.
    private const int MaxPages = 200;

    public async Task<RosterLookup> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        var (found, reason) = await FindManyAsync([aadObjectId], cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? new RosterLookup(UnreachableReason.None, found[0]) : new RosterLookup(reason);
    }

    /// <summary>
    /// The people of <paramref name="aadObjectIds"/> found in one pass over the roster (it stops once all are found),
    /// and why the others were not: several people cost one read of the roster, not one each.
    /// </summary>
    public async Task<(IReadOnlyList<KnownMember> Found, UnreachableReason Missing)> FindManyAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken)
    {
        var found = new List<KnownMember>();
        var address = await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
        if (address is null)
        {
            return (found, UnreachableReason.NoRoster);
        }

        var wanted = aadObjectIds.ToList();
        using var budget = new CancellationTokenSource(comms.Value.RosterLookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        string? continuation = null;
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await connector.GetPagedMembersAsync(address.ServiceUrl, comms.Value.TeamId, continuation, PageSize, linked.Token).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    return (found, result.IsTransient ? UnreachableReason.RosterUnavailable : UnreachableReason.NoRoster);
                }

                foreach (var member in result.Value?.Members ?? [])
                {
                    if (string.IsNullOrEmpty(member.AadObjectId) || string.IsNullOrEmpty(member.Id) || wanted.FindIndex(id => ObjectIds.Same(id, member.AadObjectId)) is not (>= 0 and var index))
                    {
                        continue;
                    }

                    // The roster gives the person's name and email too: the directory's stand-in when Graph is off.
                    var email = string.IsNullOrWhiteSpace(member.Email) ? member.UserPrincipalName : member.Email;
                    found.Add(new KnownMember(wanted[index], member.Id, address.ServiceUrl, address.TenantId, NullIfBlank(member.Name), NullIfBlank(email)));
                    wanted.RemoveAt(index);
                }

                continuation = result.Value?.ContinuationToken;
                if (wanted.Count == 0)
                {
                    return (found, UnreachableReason.None);
                }

                if (string.IsNullOrEmpty(continuation))
                {
                    return (found, UnreachableReason.NotInRoster);
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (found, UnreachableReason.RosterUnavailable);
        }

        return (found, UnreachableReason.RosterUnavailable);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
