namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Whether an inbound request came from the Bot Connector; on failure, why (for logs, never for the caller).
/// <see cref="IsUnavailable"/> means the answer could not be known (the connector's signing keys could
/// not be fetched): the request is neither accepted nor refused, and the connector should retry it.
/// </summary>
public sealed record InboundAuthResult(bool IsAuthenticated, string? FailureReason = null, bool IsUnavailable = false)
{
    public static InboundAuthResult Success { get; } = new(true);

    public static InboundAuthResult Fail(string reason) => new(false, reason);

    public static InboundAuthResult Unavailable(string reason) => new(false, reason, IsUnavailable: true);
}
