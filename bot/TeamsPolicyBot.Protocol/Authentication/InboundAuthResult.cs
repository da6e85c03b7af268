namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>Whether an inbound request came from the Bot Connector; on failure, why (for logs, never for the caller).</summary>
public sealed record InboundAuthResult(bool IsAuthenticated, string? FailureReason = null)
{
    public static InboundAuthResult Success { get; } = new(true);

    public static InboundAuthResult Fail(string reason) => new(false, reason);
}
