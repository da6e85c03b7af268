using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>The confidential shapes of the incident cards: what they leave out, and that Teams accepts them.</summary>
public sealed class ConfidentialIncidentCardTests
{
    private static Incident Harassment() => IncidentSamples.Reported(inputs =>
    {
        inputs["kind"] = "harassment";
        inputs["what"] = "Dr Smith keeps posting slurs about me.";
        inputs["evidence"] = "Screenshots of every post.";
    });

    private static Incident Worked()
    {
        var incident = Harassment();
        incident = incident.Take(IncidentSamples.Triager, IncidentSamples.ReportedAt.AddMinutes(5)).Next!;
        incident = incident.Ask(IncidentSamples.Triager, "Is it still going on?", IncidentSamples.ReportedAt.AddMinutes(6)).Next!;
        incident = incident.AnswerQuestion(IncidentSamples.Reporter, 1, "Yes, Dr Smith again.", IncidentSamples.ReportedAt.AddMinutes(7)).Next!;
        return incident.Resolve(IncidentSamples.Triager, "other", "Spoke to Dr Smith's head of department.", IncidentSamples.ReportedAt.AddMinutes(9)).Next!;
    }

    [Fact]
    public void Only_harassment_is_confidential()
    {
        Assert.True(Harassment().IsConfidential);
        Assert.False(IncidentSamples.Reported().IsConfidential);
    }

    [Fact]
    public void The_channel_view_of_a_confidential_incident_holds_nothing_the_reporter_typed_nor_their_name()
    {
        var view = IncidentCards.ChannelView(Worked(), viewerMayTriage: true);

        var text = System.Text.Json.JsonSerializer.Serialize(view);
        Assert.Equal(IncidentSummary.ConfidentialKind, view.Summary.Kind);
        Assert.True(view.Summary.IsConfidential);
        Assert.Empty(view.Questions);
        Assert.NotEmpty(view.ConfidentialLine);
        foreach (var secret in new[] { "Smith", "slurs", "Screenshots", "Priya", "x.com", "still going on", "head of department" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_ordinary_incidents_channel_view_keeps_its_details()
    {
        var view = IncidentCards.ChannelView(IncidentSamples.Reported(), viewerMayTriage: false);

        Assert.False(view.Summary.IsConfidential);
        Assert.Contains("malaria", view.What, StringComparison.Ordinal);
        Assert.Equal("", view.ConfidentialLine);
    }

    [Fact]
    public async Task The_confidential_channel_card_expands_as_the_official_library_does_and_is_valid()
    {
        var view = IncidentCards.ChannelView(Worked(), viewerMayTriage: true, ["29:approver"]);

        await OfficialCards.AssertExpandsAsOfficiallyAndIsValidAsync(IncidentCardNames.Triage, view);
        Assert.DoesNotContain("slurs", RenderedCard.Of(IncidentCardNames.Triage, view).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_handlers_copy_expands_as_the_official_library_does_and_is_valid()
    {
        var view = IncidentCards.CaseHandlerView(Harassment());

        await OfficialCards.AssertExpandsAsOfficiallyAndIsValidAsync(IncidentCardNames.Triage, view);
        var card = RenderedCard.Of(IncidentCardNames.Triage, view);
        Assert.Contains("slurs", card.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(card.ExecuteActions().Keys, verb => verb != IncidentVerbs.Refresh);
    }

    [Fact]
    public async Task The_confidential_escalation_summary_expands_as_the_official_library_does_and_is_valid()
    {
        var incident = Harassment();
        var view = new EscalationCard(IncidentSummary.Confidential(incident), "", "Sam Carter", "4 Mar 2026 at 09:31", "", "https://teams.microsoft.com/l/message/19:x/1");

        await OfficialCards.AssertExpandsAsOfficiallyAndIsValidAsync(IncidentCardNames.Escalation, view);
        Assert.Contains("support case handlers only", RenderedCard.Of(IncidentCardNames.Escalation, view).AllText, StringComparison.Ordinal);
    }
}
