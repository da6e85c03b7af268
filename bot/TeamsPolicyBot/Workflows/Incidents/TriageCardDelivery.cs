using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Records where the triage card landed (the thread and the card's id); an incident that moved on meanwhile gets its card brought up to date.</summary>
internal sealed class TriageCardDelivery(IIncidents incidents, TriageChannelCard channelCard)
    : ChannelCardDelivery<Incident, IncidentRefusal>(incidents, channelCard)
{
    public override string? Kind => TriageChannelCard.TagKind;

    protected override string? ReferenceIn(DeliveryTag tag) => TriageChannelCard.PostedIn(tag);

    protected override IncidentTransition Located(Incident record, MessageLocation card) => record with { TriageCard = card };
}
