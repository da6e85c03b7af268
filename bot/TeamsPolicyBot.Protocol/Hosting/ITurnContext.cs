using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

/// <summary>One inbound activity and the means to answer in its conversation.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Reply in the conversation the activity came from (as a reply to it, so threads stay threads).</summary>
    Task<ConnectorResult<ResourceResponse>> SendAsync(Activity reply, CancellationToken cancellationToken = default);

    /// <summary>A member of this conversation as Teams knows them (email, UPN, Entra object id).</summary>
    Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Replace a message the bot sent earlier in this conversation.</summary>
    Task<ConnectorResult<ResourceResponse>> UpdateAsync(string activityId, Activity replacement, CancellationToken cancellationToken = default);
}
