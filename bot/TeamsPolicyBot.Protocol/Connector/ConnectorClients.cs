namespace TeamsPolicyBot.Protocol.Connector;

/// <summary>The keyed <see cref="IConnectorClient"/>s besides the default one.</summary>
public static class ConnectorClients
{
    /// <summary>
    /// One HTTP attempt per call, no retry and no wait inside it: for callers that keep their own
    /// durable retry schedule (the outbox), so a refusal is recorded at once instead of waited out
    /// while the caller holds a claim. Resolve with <c>[FromKeyedServices(ConnectorClients.SingleAttempt)]</c>.
    /// </summary>
    public const string SingleAttempt = "connector-single-attempt";
}
