using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>The Comms channel card of an incident says each thing once, in words a person would use.</summary>
public sealed class TriageCardTests
{
    private static RenderedCard Card(Incident incident, bool viewerMayTriage = true) =>
        RenderedCard.Of(IncidentCardNames.Triage, IncidentCards.ChannelView(incident, viewerMayTriage));

    private static int Count(RenderedCard card, string text) => card.Texts().Count(t => t.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void A_taken_incident_says_who_took_it_and_when_once_instead_of_a_status()
    {
        var taken = IncidentSamples.Reported().Take(IncidentSamples.Triager, IncidentSamples.ReportedAt.AddMinutes(8)).Next!;

        var card = Card(taken);

        Assert.Single(card.Texts(), text => text == "Taken by Sam Carter on 4 Mar 2026 at 09:20");
        Assert.DoesNotContain(card.Texts(), text => text.StartsWith("Status", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_incident_says_nobody_has_taken_it_yet()
    {
        var card = Card(IncidentSamples.Reported());

        Assert.Contains("Nobody in the Comms team has taken it yet.", card.Texts());
        Assert.DoesNotContain(card.Texts(), text => text.StartsWith("Taken by", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reference_kind_and_urgency_are_each_shown_once()
    {
        var incident = IncidentSamples.Reported();

        var card = Card(incident);

        Assert.Equal(1, Count(card, incident.Reference));
        Assert.Equal(1, Count(card, IncidentChoices.Kinds.TitleOf(incident.Details.Kind)));
        Assert.Equal(1, Count(card, "URGENT"));
    }

    [Fact]
    public void Onlookers_read_that_the_Comms_team_deals_with_it_with_no_internal_role_names()
    {
        var card = Card(IncidentSamples.Reported(), viewerMayTriage: false);

        Assert.Contains("The Comms team deals with this report; this card shows each step.", card.Texts());
        Assert.DoesNotContain(card.Texts(), text => text.Contains("approver", StringComparison.OrdinalIgnoreCase) || text.Contains("triage", StringComparison.OrdinalIgnoreCase));
    }
}
