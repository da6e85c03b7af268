using TeamsPolicyBot.Delivery;
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
    public string? Kind => IncidentFollowUp.TagKind;

    public async Task OnDeliveredAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (MessageLocation.OfNewThread(delivery) is not { } location || IncidentFollowUp.ChannelCardOf(delivery.Tag) is not { } reference)
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
