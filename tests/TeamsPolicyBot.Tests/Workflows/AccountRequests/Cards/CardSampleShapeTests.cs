using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

/// <summary>
/// Each sample .data.json is exactly what its view model serialises to: read into the record and written back, nothing
/// is lost, added or different. So the samples (and the screenshots made from them) cannot drift from the code.
/// </summary>
public sealed class CardSampleShapeTests
{
    private static readonly Dictionary<string, Type> ViewModels = new(StringComparer.Ordinal)
    {
        [AccountRequestCardNames.Form] = typeof(RequestFormCard),
        [AccountRequestCardNames.Submitted] = typeof(SubmittedCard),
        [AccountRequestCardNames.Approval] = typeof(ApprovalCard),
        [AccountRequestCardNames.DecisionNotice] = typeof(DecisionNoticeCard),
        [SharedCardNames.MyRequests] = typeof(MyRequestsCard),
        [IncidentCardNames.ReportForm] = typeof(IncidentFormCard),
        [IncidentCardNames.SupportOffer] = typeof(SupportOfferCard),
        [IncidentCardNames.Reported] = typeof(ReportedCard),
        [IncidentCardNames.CompromisedChecklist] = typeof(CompromisedChecklistCard),
        [IncidentCardNames.AccountNotice] = typeof(AccountNoticeCard),
        [IncidentCardNames.Triage] = typeof(TriageCard),
        [IncidentCardNames.Notice] = typeof(IncidentNoticeCard),
        [IncidentCardNames.Question] = typeof(ReporterQuestionCard),
        [IncidentCardNames.Escalation] = typeof(EscalationCard),
    };

    public static TheoryData<string> Names() => [.. ViewModels.Keys];

    [Fact]
    public void Every_workflow_template_has_a_view_model_here()
    {
        var templates = CardSamples.All().Where(name => name.StartsWith("account-requests/", StringComparison.Ordinal) || name.StartsWith("incidents/", StringComparison.Ordinal) || name == SharedCardNames.MyRequests);

        Assert.Equal(templates.Order(StringComparer.Ordinal), ViewModels.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_sample_round_trips_through_its_view_model_unchanged(string name)
    {
        var sample = JsonNode.Parse(File.ReadAllText(CardSamples.SampleFile(name)));

        // The card engine adds `policy` (the clause links) and `privacy` (the short privacy notice) to every card's data;
        // no view model carries them (see PolicyLinksTests, PrivacyNoticeCardTests).
        sample!.AsObject().Remove("policy");
        sample.AsObject().Remove("privacy");

        var model = JsonSerializer.Deserialize(sample, ViewModels[name], BotJson.Options);
        var written = JsonSerializer.SerializeToNode(model, ViewModels[name], BotJson.Options);

        JsonAssert.Equal(sample, written);
    }
}
