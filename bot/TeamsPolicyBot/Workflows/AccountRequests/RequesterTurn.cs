using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The requester of an account, as this turn shows them.</summary>
internal static class RequesterTurn
{
    /// <summary>The requester, with their work email when Teams will tell us (to check the second administrator is someone else).</summary>
    public static async Task<Requester> RequesterAsync(this ITurnContext turn, CancellationToken cancellationToken)
    {
        var from = turn.Activity.From;
        var member = from?.Id is null ? null : await turn.GetMemberAsync(from.Id, cancellationToken);
        return new Requester(from?.AadObjectId ?? string.Empty, from?.Id ?? string.Empty, from?.Name ?? "Someone", member?.Value?.Email ?? member?.Value?.UserPrincipalName);
    }
}
