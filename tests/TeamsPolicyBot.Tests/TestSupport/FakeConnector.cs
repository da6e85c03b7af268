using System.Collections.Concurrent;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>One call the bot made to the connector, with the (fake) time it was made.</summary>
public sealed record ConnectorCall(string Operation, string ServiceUrl, string? ConversationId, string? ActivityId, string Body, DateTimeOffset At)
{
    public string? Text => Operation == "create"
        ? BotJson.Deserialize<ConversationParameters>(Body)?.Activity?.Text
        : BotJson.Deserialize<Activity>(Body)?.Text;
}

/// <summary>
/// A connector that records what it is asked and answers as told (by default: success, with a
/// fresh activity id). Bodies are recorded as JSON so a test sees exactly what would go on the wire.
/// </summary>
public sealed class FakeConnector(TimeProvider time) : IConnectorClient
{
    private int sequence;

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>Decides the answer to each call; null means "succeed".</summary>
    public Func<ConnectorCall, Task<(ConnectorStatus Status, int? Http, string? Code, TimeSpan? RetryAfter)?>>? Respond { get; set; }

    public Task<ConnectorResult<ResourceResponse>> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        AnswerAsync(new ConnectorCall("send", serviceUrl, conversationId, null, BotJson.Serialize(activity), time.GetUtcNow()), id => new ResourceResponse { Id = id });

    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        AnswerAsync(new ConnectorCall("update", serviceUrl, conversationId, activityId, BotJson.Serialize(activity), time.GetUtcNow()), _ => new ResourceResponse { Id = activityId });

    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        AnswerAsync(new ConnectorCall("create", serviceUrl, null, null, BotJson.Serialize(parameters), time.GetUtcNow()), id => new ConversationResourceResponse { Id = $"19:new@thread.tacv2;messageid={id}", ActivityId = id });

    public Task<ConnectorResult<ResourceResponse>> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The outbox never replies.");

    public Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<ConnectorResult<PagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private async Task<ConnectorResult<T>> AnswerAsync<T>(ConnectorCall call, Func<string, T> success)
    {
        Calls.Enqueue(call);
        var answer = Respond is null ? null : await Respond(call);
        if (answer is { } failure)
        {
            return new ConnectorResult<T>(failure.Status, default, failure.Http, failure.Code, failure.RetryAfter);
        }

        var id = $"1712{Interlocked.Increment(ref sequence):D9}";
        return new ConnectorResult<T>(ConnectorStatus.Succeeded, success(id), 201);
    }
}
