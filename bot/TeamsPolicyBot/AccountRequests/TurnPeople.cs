using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.AccountRequests;

/// <summary>Who is acting in this turn, in the domain's terms.</summary>
internal static class TurnPeople
{
    /// <summary>The person who clicked or typed; Teams always sends their Entra object id.</summary>
    public static Actor Actor(this ITurnContext turn) =>
        new(turn.Activity.From?.AadObjectId ?? string.Empty, turn.Activity.From?.Name ?? "Someone");

    /// <summary>The tenant the activity came from (needed to create conversations in it).</summary>
    public static string? TenantId(this ITurnContext turn) =>
        turn.Activity.Conversation?.TenantId ?? turn.Activity.GetTeamsChannelData()?.Tenant?.Id;

    /// <summary>The requester, with their work email when Teams will tell us (to check the second administrator is someone else).</summary>
    public static async Task<Requester> RequesterAsync(this ITurnContext turn, CancellationToken cancellationToken)
    {
        var from = turn.Activity.From;
        var member = from?.Id is null ? null : await turn.GetMemberAsync(from.Id, cancellationToken);
        return new Requester(from?.AadObjectId ?? string.Empty, from?.Id ?? string.Empty, from?.Name ?? "Someone", member?.Value?.Email ?? member?.Value?.UserPrincipalName);
    }
}
