using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery;

/// <summary>Where to call the connector about the Comms team, in which tenant, and as which bot.</summary>
public sealed record CommsTeamAddress(string ServiceUrl, string? TenantId, ChannelAccount? Bot);

/// <summary>
/// Finds the connector endpoint for the Comms team. The connector's serviceUrl is per region and
/// only ever given to the bot inside activities, so the best source is a conversation the bot
/// has seen in the Comms team itself (its channels, <c>Comms:ChannelId</c> first, then the team's General channel,
/// whose id is the team id): the bot has to be installed there to post its cards, and Teams keeps
/// those references fresh. A reference from an arbitrary other conversation is not used: finding
/// one takes a table scan and it may belong to another region. <c>Comms:ServiceUrl</c> is the
/// fallback for a fresh deployment where nobody has used the bot in the Comms team yet.
/// </summary>
internal sealed class CommsTeamLocator(IConversationReferences conversations, IOptions<CommsOptions> comms, IOptions<BotFrameworkOptions> bot)
{
    public async Task<CommsTeamAddress?> LocateAsync(CancellationToken cancellationToken)
    {
        var settings = comms.Value;
        ConversationReference? seen = null;
        foreach (var channel in new CommsChannels(comms).All.Append(settings.TeamId))
        {
            seen ??= await FindAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        if (seen?.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            return new CommsTeamAddress(serviceUrl, seen.Conversation?.TenantId ?? ConfiguredTenant, ConfiguredBot ?? seen.Bot);
        }

        return string.IsNullOrWhiteSpace(settings.ServiceUrl) ? null : new CommsTeamAddress(settings.ServiceUrl, ConfiguredTenant, ConfiguredBot);
    }

    /// <summary>
    /// The bot's own account: "28:" + its app id when configured (production), otherwise (local
    /// runs without an app id) as seen in the Comms team's conversations.
    /// </summary>
    public async Task<ChannelAccount?> BotAsync(CancellationToken cancellationToken) =>
        ConfiguredBot ?? (await LocateAsync(cancellationToken).ConfigureAwait(false))?.Bot;

    private string? ConfiguredTenant => string.IsNullOrWhiteSpace(bot.Value.MicrosoftAppTenantId) ? null : bot.Value.MicrosoftAppTenantId;

    private ChannelAccount? ConfiguredBot => bot.Value.IsAuthenticationDisabled ? null : new ChannelAccount { Id = "28:" + bot.Value.MicrosoftAppId };

    private Task<ConversationReference?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(conversationId) ? Task.FromResult<ConversationReference?>(null) : conversations.FindConversationAsync(conversationId, cancellationToken);
}
