namespace TeamsPolicyBot.Protocol.Connector;

/// <summary>How a call to the Bot Connector ended, in terms a caller can act on.</summary>
public enum ConnectorStatus
{
    Succeeded,

    /// <summary>403 BotNotInConversationRoster: the app is not installed for this user or team. Permanent.</summary>
    NotInRoster,

    /// <summary>404 ConversationNotFound: the stored conversation id is stale. Permanent.</summary>
    ConversationNotFound,

    /// <summary>Still 429 after the retries: try again later.</summary>
    Throttled,

    /// <summary>502/503/504 or a timeout after the retries: try again later.</summary>
    TransientFailure,

    /// <summary>Any other refusal (400, 401, other 403/404 ...): retrying will not help.</summary>
    PermanentFailure,

    /// <summary>
    /// The request never reached the connector: no token could be had, or no connection could be made
    /// (refused, DNS, TLS, connect timeout). Nothing was delivered, so it is safe to try again later.
    /// </summary>
    NotSent,

    /// <summary>
    /// The request went out but no answer came back (a timeout, the connection lost mid-way): the
    /// connector may or may not have acted on it. Reads can simply be repeated; a send cannot without
    /// risking a duplicate.
    /// </summary>
    NoAnswer,

    /// <summary>
    /// Not taken by the connector during a turn, and handed to the turn's <see cref="Hosting.IReplyFallback"/>
    /// (the outbox), which delivers it later.
    /// </summary>
    Queued,
}

/// <summary>The outcome of a connector call and, on success, its answer.</summary>
public sealed record ConnectorResult<T>(ConnectorStatus Status, T? Value, int? HttpStatusCode = null, string? ErrorCode = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Status == ConnectorStatus.Succeeded;

    /// <summary>Worth trying again later (throttled, a transient server fault, not sent, or no answer).</summary>
    public bool IsTransient => Status is ConnectorStatus.Throttled or ConnectorStatus.TransientFailure or ConnectorStatus.NotSent or ConnectorStatus.NoAnswer;

    /// <summary>
    /// Certainly not delivered, and worth trying again later: the connector refused it for now (429,
    /// 502, 503, 504) or never received it. A send may be repeated without risking a duplicate.
    /// </summary>
    public bool IsSafeToRetry => Status is ConnectorStatus.Throttled or ConnectorStatus.TransientFailure or ConnectorStatus.NotSent;
}
