using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

/// <summary>
/// The bot's logic for one authenticated inbound activity. For an <c>invoke</c> the returned
/// response becomes the HTTP response body; for other activities it is ignored.
/// </summary>
public interface IActivityHandler
{
    Task<InvokeResponse?> HandleAsync(ITurnContext turn, CancellationToken cancellationToken);
}
