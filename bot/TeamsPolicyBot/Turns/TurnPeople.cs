using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Turns;

/// <summary>Who is acting in this turn, in the workflows' terms.</summary>
internal static class TurnPeople
{
    /// <summary>The person who clicked or typed; Teams always sends their Entra object id.</summary>
    public static Actor Actor(this ITurnContext turn) =>
        new(turn.Activity.From?.AadObjectId ?? string.Empty, turn.Activity.From?.Name ?? "Someone");

    /// <summary>The tenant the activity came from (needed to create conversations in it).</summary>
    public static string? TenantId(this ITurnContext turn) =>
        turn.Activity.Conversation?.TenantId ?? turn.Activity.GetTeamsChannelData()?.Tenant?.Id;
}
