using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The incident's triage card in the Comms channel: posted at once as a new thread (policy 6.1, "notified immediately"),
/// then replaced for everyone after every change (a projection of the incident), once <see cref="TriageCardDelivery"/> has
/// recorded where it landed.
/// </summary>
internal sealed class TriageChannelCard(IProactiveMessenger messenger, IncidentCards cards, TeamsMembers members, IOptions<CommsOptions> comms) : IRecordProjection<Incident>
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the triage card, whose delivery <see cref="TriageCardDelivery"/> records on the incident.</summary>
    public const string TagKind = "incident";

    /// <summary>("incident", "INC-2026-0007"): the triage card's post.</summary>
    public static DeliveryTag Tag(Incident incident) => new(TagKind, incident.Reference);

    public static string? PostedIn(DeliveryTag? tag) => tag is { Kind: TagKind, Parts: [var reference] } ? reference : null;

    /// <summary>
    /// "incident/INC-2026-0007/3/notice": each message is queued once per state of the incident (its
    /// audit trail grows by one entry per change), so a step that runs again sends nothing twice.
    /// </summary>
    public static string StepKey(Incident incident, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{TagKind}/{incident.Reference}/{incident.AuditCount}/{step}");

    public async Task PostAsync(Incident incident, CancellationToken cancellationToken)
    {
        var kind = incident.IsConfidential ? Cards.IncidentSummary.ConfidentialKind : IncidentChoices.Kinds.TitleOf(incident.Details.Kind);
        var card = await CardAsync(incident, $"{(incident.IsUrgent ? "URGENT incident" : "Incident")} {incident.Reference}: {kind}", cancellationToken);
        await messenger.PostToCommsChannelAsync(CommsChannel.Incidents, card, Tag(incident), cancellationToken, $"{TagKind}/{incident.Reference}/triage-card");
    }

    /// <summary>
    /// Replaces the triage card for everyone, once we know where it is and the incident has moved on from what the
    /// posted card shows (its audit trail grows by one entry per change; the report is the first).
    /// </summary>
    public async Task ShowAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (incident.TriageCard is not { } card || incident.AuditCount == 1)
        {
            return;
        }

        var activity = await CardAsync(incident, $"Incident {incident.Reference}: {incident.Status}", cancellationToken);
        await messenger.UpdateAsync(card, activity, cancellationToken, StepKey(incident, "card-update"));
    }

    /// <summary>
    /// What the channel sees: while the incident is open the Comms approvers get the triage buttons through the
    /// card's refresh and everyone else a card without them (see <see cref="TeamsMembers.CardAudienceAsync"/>).
    /// </summary>
    private async Task<Activity> CardAsync(Incident incident, string summary, CancellationToken cancellationToken)
    {
        var audience = incident.Status == IncidentStatus.Resolved
            ? CardAudience.NobodyActs
            : await members.CardAudienceAsync(comms.Value.ApproverIds, cancellationToken);
        var activity = Activity.CreateMessage(attachments: cards.Triage(incident, audience.EveryoneSeesActions, audience.RefreshUserIds));
        activity.Summary = summary;
        return activity;
    }
}
