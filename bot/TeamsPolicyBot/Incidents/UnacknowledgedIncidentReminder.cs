using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Conversations.ProactiveMessages;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Reminders;
using TeamsPolicyBot.Storage.Incidents;

namespace TeamsPolicyBot.Incidents;

/// <summary>
/// An urgent incident that nobody in Comms has taken within <c>Incidents:AcknowledgeWithinMinutes</c>:
/// the Comms thread is reminded and the escalation contacts are told, once. The durable reminder
/// fires on one instance only; if that instance dies part-way, the reminder runs again and the
/// record and the idempotency keys make sure nothing is said twice.
/// </summary>
internal sealed partial class UnacknowledgedIncidentReminder(
    IIncidents incidents,
    IProactiveMessenger messenger,
    IOptions<CommsOptions> comms,
    IOptions<IncidentOptions> options,
    IOptions<EscalationOptions> escalation,
    TimeProvider time,
    ILogger<UnacknowledgedIncidentReminder> logger) : IReminderHandler
{
    private const string Prefix = "incident/";
    private const string Suffix = "/acknowledge";

    public static string Key(Incident incident) => Prefix + incident.Reference + Suffix;

    public async Task HandleAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return;
        }

        var reference = key[Prefix.Length..^Suffix.Length];
        var minutes = options.Value.AcknowledgeWithinMinutes;
        var outcome = await incidents.ApplyAsync(reference, incident => incident.RecordNotTakenInTime(minutes, time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } incident)
        {
            return; // taken in time, or gone
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"**Reminder:** urgent incident {reference} has not been taken by anyone in Comms within {minutes} minutes.");
        if (incident.TriageCard is { } card)
        {
            await messenger.ReplyInThreadAsync(card.ServiceUrl, card.ConversationId, Activity.CreateMessage(text), cancellationToken, key + "/thread");
        }

        foreach (var contact in escalation.Value.ContactIds)
        {
            var message = Activity.CreateMessage($"{text} You are told as an escalation contact. {IncidentFollowUp.ThreadUrl(incident, comms.Value.ChannelId)}".TrimEnd());
            var reach = await messenger.SendToPersonAsync(contact, message, correlation: null, cancellationToken, $"{key}/{contact}");
            if (!reach.IsQueued)
            {
                LogContactUnreachable(logger, reference, contact, reach.Reason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell escalation contact {ContactId} that {Reference} was not taken in time: {Reason}")]
    private static partial void LogContactUnreachable(ILogger logger, string reference, string contactId, UnreachableReason reason);
}
