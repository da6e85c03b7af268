using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// Records where the triage card landed (the thread and the card's id), so later steps can update
/// it in place and reply in its thread. If the incident moved on while the card was on its way,
/// the card is brought up to date at once.
/// </summary>
internal sealed class TriageCardDelivery(IIncidents incidents, IncidentFollowUp followUp) : IOutboxDeliveryHandler
{
    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (ChannelCardLocation.OfNewThread(delivery) is not { } location || IncidentFollowUp.ParseCorrelation(delivery.Correlation) is not { } reference)
        {
            return;
        }

        var outcome = await incidents.ApplyAsync(reference, incident => incident with { TriageCard = location }, cancellationToken);
        if (outcome.Changed is { } located && located.AuditCount > 1)
        {
            await followUp.UpdateChannelCardAsync(located, cancellationToken);
        }
    }
}
