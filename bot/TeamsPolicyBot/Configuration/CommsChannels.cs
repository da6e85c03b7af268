using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Configuration;

/// <summary>Which of the Comms team's channels a post belongs in: one per workflow, and the general one.</summary>
public enum CommsChannel
{
    /// <summary><c>Comms:ChannelId</c>: what belongs to no one workflow (a delivery that failed).</summary>
    General,

    /// <summary>Account requests and the official accounts they become (registrations, administrators, audits).</summary>
    AccountRequests,
    Incidents,
    Support,
}

/// <summary>
/// The one place that says which channel id a post goes to: <c>Comms:Channels:AccountRequests</c>, <c>:Incidents</c> and
/// <c>:Support</c> when set, else <c>Comms:ChannelId</c>. Every post to, link into and check of "the Comms channel" asks it.
/// </summary>
public sealed class CommsChannels(IOptions<CommsOptions> comms)
{
    public string IdOf(CommsChannel channel)
    {
        var settings = comms.Value;
        var own = channel switch
        {
            CommsChannel.AccountRequests => settings.Channels.AccountRequests,
            CommsChannel.Incidents => settings.Channels.Incidents,
            CommsChannel.Support => settings.Channels.Support,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(own) ? settings.ChannelId : own;
    }

    /// <summary>Every distinct channel the bot posts in, <c>Comms:ChannelId</c> first.</summary>
    public IReadOnlyList<string> All =>
        [.. Enum.GetValues<CommsChannel>().Select(IdOf).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether <paramref name="conversationId"/> (a channel's, or one of its threads': "id;messageid=…") is one of the Comms channels.</summary>
    public bool Includes(string? conversationId) =>
        conversationId is not null && All.Contains(conversationId.Split(';')[0], StringComparer.OrdinalIgnoreCase);
}
