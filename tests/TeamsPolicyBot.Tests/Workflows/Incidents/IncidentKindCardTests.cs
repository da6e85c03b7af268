using System.Text.Json.Nodes;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

/// <summary>
/// The kinds added for advice before posting and fake accounts, and reports without a link, on every card that names
/// them; and the checklist a compromised account gets.
/// </summary>
public sealed class IncidentKindCardTests
{
    private const string FakeAccount = "Someone is impersonating the university or one of its official accounts (a fake account)";

    private static Incident FakeAccountInADirectMessage() => IncidentSamples.Reported(inputs =>
    {
        inputs["kind"] = "impersonation";
        inputs["where"] = "directMessage";
        inputs["links"] = "";
        inputs["urgency"] = "normal";
    });

    [Fact]
    public async Task The_triage_card_names_a_fake_account_says_where_it_is_and_has_no_empty_links_heading()
    {
        var view = IncidentCards.ChannelView(FakeAccountInADirectMessage(), viewerMayTriage: true);

        await OfficialCards.AssertExpandsAsOfficiallyAndIsValidAsync(IncidentCardNames.Triage, view);
        var texts = RenderedCard.Of(IncidentCardNames.Triage, view).Texts();
        Assert.Contains(texts, text => text.Contains(FakeAccount, StringComparison.Ordinal));
        Assert.Contains("In a direct message", texts);
        Assert.DoesNotContain("Links", texts);
        Assert.Equal("URGENT", view.Summary.Urgency);
    }

    [Fact]
    public void A_public_posts_triage_card_still_lists_its_links()
    {
        var texts = RenderedCard.Of(IncidentCardNames.Triage, IncidentCards.ChannelView(IncidentSamples.Reported(i => i["where"] = "public"), viewerMayTriage: true)).Texts();

        Assert.Contains("Links", texts);
        Assert.Contains("In a public post, comment or profile", texts);
    }

    [Fact]
    public async Task The_reporters_confirmation_and_My_requests_name_advice_before_posting()
    {
        var advice = IncidentSamples.Reported(inputs => (inputs["kind"], inputs["where"], inputs["links"]) = ("advice", "draft", ""));
        var view = new ReportedCard(IncidentSummary.From(advice), "A draft post");

        await OfficialCards.AssertExpandsAsOfficiallyAndIsValidAsync(IncidentCardNames.Reported, view);
        var title = IncidentChoices.Kinds.TitleOf(IncidentKind.AdviceBeforePosting);
        Assert.StartsWith("I'd like advice before posting", title, StringComparison.Ordinal);
        Assert.Contains(title, RenderedCard.Of(IncidentCardNames.Reported, view).Texts());
        Assert.Equal($"Not marked urgent · X (Twitter) · {title}", advice.ToMyRequestItem().Title);
    }

    [Fact]
    public void The_report_form_offers_exactly_the_kinds_and_places_the_validator_accepts()
    {
        var inputs = RenderedCard.Of(IncidentCardNames.ReportForm, IncidentFormCard.New(IncidentSamples.Today)).Inputs();

        Assert.Equal(IncidentChoices.Kinds.Choices.Select(c => (c.Value, c.Title)), Choices(inputs["kind"]));
        Assert.Equal(IncidentChoices.Locations.Choices.Select(c => (c.Value, c.Title)), Choices(inputs["where"]));
        Assert.Equal("public", (string?)inputs["where"]["value"]);
        Assert.NotEqual(true, (bool?)inputs["links"]["isRequired"]);
    }

    [Fact]
    public void A_report_stored_before_the_form_asked_where_the_content_is_still_loads()
    {
        var entity = IncidentRow.ToEntity(IncidentSamples.Reported(i => i["where"] = "public"));
        var record = JsonNode.Parse(RecordColumns.ReadChunked(entity, "Record"))!.AsObject();
        Assert.True(record["details"]!.AsObject().Remove("where"));
        RecordColumns.WriteChunked(entity, "Record", record.ToJsonString());

        var loaded = IncidentRow.FromEntity(entity);

        Assert.Null(loaded.Details.Where);
        Assert.Equal(IncidentKind.Misinformation, loaded.Details.Kind);
        Assert.Equal("", IncidentSummary.From(loaded).Where);
    }

    [Fact]
    public void The_compromised_account_checklist_quotes_policy_4_18_word_for_word()
    {
        var texts = RenderedCard.Of(IncidentCardNames.CompromisedChecklist, new CompromisedChecklistCard("INC-2026-0008", "Instagram")).Texts();

        // The policy's own sentence, lower-cased only at its first word.
        Assert.Contains(texts, text => text.Contains(
            "“ensure account passwords are of adequate strength and are kept securely and be aware of process for logging all users out of relevant social media accounts in case of a security breach.”",
            StringComparison.Ordinal));
    }

    private static IEnumerable<(string, string)> Choices(JsonObject input) =>
        input["choices"]!.AsArray().Select(c => ((string)c!["value"]!, (string)c["title"]!));
}
