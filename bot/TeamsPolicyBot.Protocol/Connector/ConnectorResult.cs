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
}

/// <summary>The outcome of a connector call and, on success, its answer.</summary>
public sealed record ConnectorResult<T>(ConnectorStatus Status, T? Value, int? HttpStatusCode = null, string? ErrorCode = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Status == ConnectorStatus.Succeeded;

    /// <summary>Worth trying again later (throttled or a transient server fault).</summary>
    public bool IsTransient => Status is ConnectorStatus.Throttled or ConnectorStatus.TransientFailure;

    
}
