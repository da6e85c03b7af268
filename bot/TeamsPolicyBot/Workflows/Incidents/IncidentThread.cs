using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// Where Comms hears about an incident after its triage card: replies in the card's thread, and, for what a confidential
/// incident (<see cref="Incident.IsConfidential"/>) may not put in the channel, the support case handlers in their chats
/// with the bot instead (those it cannot reach are counted in the thread). Everything goes through the durable outbox.
/// </summary>
internal sealed partial class IncidentThread(IProactiveMessenger messenger, IOptions<SupportOptions> support, ILogger<IncidentThread> logger)
{
    public Task ReplyAsync(Incident incident, string markdown, CancellationToken cancellationToken)
    {
        if (incident.TriageCard is not { } card)
        {
            LogNoThreadYet(logger, incident.Reference);
            return Task.CompletedTask;
        }

        // Keyed by what is said, so the same note for the same state is posted once even if this step runs again.
        var key = TriageChannelCard.StepKey(incident, "thread/" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(markdown)))[..16]);
        return messenger.ReplyInThreadAsync(card, Activity.CreateMessage(markdown), cancellationToken, key);
    }

    /// <summary>
    /// Each support case handler (<c>Support:CaseHandlerIds</c>) in their chat with the bot, once per key. Those the bot
    /// cannot reach yet are counted in the thread, without the details, so Comms can tell them another way.
    /// </summary>
    public async Task TellCaseHandlersAsync(Incident incident, Func<Activity> message, string summary, Func<string, string> keyFor, CancellationToken cancellationToken)
    {
        var handlers = support.Value.CaseHandlerIds;
        var unreachable = 0;
        foreach (var handler in handlers)
        {
            var activity = message();
            activity.Summary = summary;
            if (!(await messenger.SendToPersonAsync(handler, activity, tag: null, cancellationToken, keyFor(handler))).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogCaseHandlersUnreachable(logger, incident.Reference, unreachable, handlers.Count);
            await ReplyAsync(
                incident,
                $"The bot cannot reach {unreachable.ToString(CultureInfo.InvariantCulture)} of the {handlers.Count.ToString(CultureInfo.InvariantCulture)} support case handler(s) in a personal chat yet, so this confidential report's details did not reach them. Please ask them to open a chat with the bot.",
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Confidential incident {Reference}: {Count} of {Total} case handler(s) cannot be reached by the bot yet")]
    private static partial void LogCaseHandlersUnreachable(ILogger logger, string reference, int count, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Reference}: no channel thread recorded yet, so the reply was not posted")]
    private static partial void LogNoThreadYet(ILogger logger, string reference);
}
