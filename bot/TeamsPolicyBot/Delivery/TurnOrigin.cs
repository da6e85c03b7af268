namespace TeamsPolicyBot.Delivery;

/// <summary>
/// The connector endpoint and tenant of the activity being handled, for a Comms channel post queued while handling it:
/// the endpoint Teams just used is the freshest there is. Set by the router for the length of one turn (an async-local
/// value, like ASP.NET Core's HttpContext accessor), so workflows never carry it; outside a turn it is null and the
/// messenger finds the Comms team itself (<see cref="CommsTeamLocator"/>).
/// </summary>
internal sealed record TurnOrigin(string ServiceUrl, string? TenantId)
{
    private static readonly AsyncLocal<TurnOrigin?> Current = new();

    public static TurnOrigin? OfCurrentTurn => Current.Value;

    /// <summary>Until the returned scope is disposed, <see cref="OfCurrentTurn"/> is this turn's origin.</summary>
    public static IDisposable Begin(string? serviceUrl, string? tenantId)
    {
        var previous = Current.Value;
        Current.Value = string.IsNullOrEmpty(serviceUrl) ? null : new TurnOrigin(serviceUrl, tenantId);
        return new Scope(previous);
    }

    private sealed class Scope(TurnOrigin? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
