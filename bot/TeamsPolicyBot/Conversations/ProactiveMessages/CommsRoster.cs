using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.ConversationReferences;

namespace TeamsPolicyBot.Conversations.ProactiveMessages;

/// <summary>How a roster look-up ended; <see cref="Member"/> is set when the person was found.</summary>
internal sealed record RosterLookup(UnreachableReason Reason, KnownMember? Member = null)
{
    public bool Found => Member is not null;
}

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
        var address = await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
        if (address is null)
        {
            return new RosterLookup(UnreachableReason.NoRoster);
        }

        var wanted = TableKey.EncodeObjectId(aadObjectId);
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
                    return new RosterLookup(result.IsTransient ? UnreachableReason.RosterUnavailable : UnreachableReason.NoRoster);
                }

                var member = result.Value?.Members?.FirstOrDefault(m =>
                    !string.IsNullOrEmpty(m.AadObjectId) && !string.IsNullOrEmpty(m.Id) && TableKey.EncodeObjectId(m.AadObjectId) == wanted);
                if (member is not null)
                {
                    // The roster gives the person's name and email too: the directory's stand-in when Graph is off.
                    var email = string.IsNullOrWhiteSpace(member.Email) ? member.UserPrincipalName : member.Email;
                    return new RosterLookup(
                        UnreachableReason.None,
                        new KnownMember(aadObjectId, member.Id!, address.ServiceUrl, address.TenantId, NullIfBlank(member.Name), NullIfBlank(email)));
                }

                continuation = result.Value?.ContinuationToken;
                if (string.IsNullOrEmpty(continuation))
                {
                    return new RosterLookup(UnreachableReason.NotInRoster);
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new RosterLookup(UnreachableReason.RosterUnavailable);
        }

        return new RosterLookup(UnreachableReason.RosterUnavailable);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
