using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

public sealed class SupportValidatorTests
{
    [Fact]
    public void A_complete_form_is_valid_and_cleaned()
    {
        var result = SupportValidator.Validate(Form(i => i["what"] = "  Someone keeps replying to me.  "));

        Assert.True(result.IsValid);
        Assert.Equal("Someone keeps replying to me.", result.Value.What);
        Assert.Equal([SocialPlatform.X, SocialPlatform.Other], result.Value.Platforms);
        Assert.Equal("Mastodon", result.Value.PlatformOther);
        Assert.Equal([SupportNeed.ReportingToPlatform, SupportNeed.SecurityAdvice], result.Value.Needs);
        Assert.Equal(ManagerSharing.ReferralOnly, result.Value.ManagerSharing);
        Assert.False(result.Value.FeelsUnsafe);
        Assert.Equal(Link, Assert.Single(result.Value.Links).AbsoluteUri);
    }

    [Fact]
    public void An_empty_form_asks_only_for_what_is_happening_and_the_manager_choice_the_two_the_card_marks_required()
    {
        var result = SupportValidator.Validate(new SupportForm());

        Assert.Equal(["managerSharing", "what"], result.Errors.Keys.Order(StringComparer.Ordinal));

        var form = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsPolicyBot.Tests.Cards.CardPaths.Cards, "harassment-support", "form.json")))!;
        var requiredOnTheCard = form["body"]!.AsArray()
            .Select(element => element!.AsObject())
            .Where(element => (bool?)element["isRequired"] == true)
            .Select(element => (string)element["id"]!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(result.Errors.Keys.Order(StringComparer.Ordinal), requiredOnTheCard);
    }

    [Fact]
    public void With_only_the_required_answers_the_request_is_valid_and_says_what_was_not_given()
    {
        var result = SupportValidator.Validate(SupportForm.FromJson(System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["what"] = "Someone keeps replying to me.",
            ["managerSharing"] = "referralOnly",
        })));

        Assert.True(result.IsValid);
        Assert.Empty(result.Value.Platforms);
        Assert.Null(result.Value.SinceWhen);
        Assert.Null(result.Value.Ongoing);
        var summary = SupportSummary.From(result.Value);
        Assert.Equal(
            ("Not given", "Not given", "Not given", "Not given", "Not given"),
            (summary.Platforms, summary.Since, summary.Ongoing, summary.WorkRelation, Assert.Single(summary.Needs)));
    }

    [Theory]
    [InlineData("thisWeek", "ThisWeek", "This week")]
    [InlineData("thisMonth", "ThisMonth", "This month")]
    [InlineData("longer", "LongerThanAMonth", "Longer than a month")]
    [InlineData("notSure", "NotSure", "Not sure")]
    public void Since_when_is_a_choice_shown_by_its_words(string value, string expected, string shown)
    {
        var details = SupportValidator.Validate(Form(i => i["since"] = value)).Value!;

        Assert.Equal(expected, details.SinceWhen.ToString());
        Assert.Equal(shown, SupportSummary.From(details).Since);
    }

    [Fact]
    public void Links_are_optional_but_must_be_web_addresses_when_given()
    {
        Assert.True(SupportValidator.Validate(Form(i => i["links"] = "")).IsValid);
        Assert.Contains("not a web address", SupportValidator.Validate(Form(i => i["links"] = "x.com/someone")).Errors["links"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("platforms", "x,myspace", "platforms")]
    [InlineData("needs", "wellbeing,hugs", "needs")]
    [InlineData("managerSharing", "everything", "managerSharing")]
    [InlineData("since", "2026-03-05", "since")]
    [InlineData("ongoing", "sometimes", "ongoing")]
    [InlineData("workRelation", "hobby", "workRelation")]
    [InlineData("feelsUnsafe", "maybe", "feelsUnsafe")]
    public void A_value_the_card_never_offered_or_a_missing_dependent_field_is_refused(string field, string value, string errorKey)
    {
        var result = SupportValidator.Validate(Form(i => i[field] = value));

        Assert.False(result.IsValid);
        Assert.Equal(errorKey, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Feeling_unsafe_makes_it_urgent()
    {
        var result = SupportValidator.Validate(Form(i => i["feelsUnsafe"] = "true"));

        Assert.True(result.Value!.FeelsUnsafe);
    }

    [Theory]
    [InlineData("", "alex.morgan@example.ac.uk", true)]
    [InlineData("", "Alex <alex@example.ac.uk>", false)]
    [InlineData("", "alex", false)]
    [InlineData("", "", false)]
    [InlineData("3F0B9C2E-5555-4A6B-9C1D-000000000005", "", true)]
    [InlineData("not-an-id", "alex.morgan@example.ac.uk", false)]
    public void A_manager_the_person_gives_is_picked_or_one_typed_address(string pickedId, string email, bool valid) =>
        Assert.Equal(valid, SupportValidator.ValidateChosenManager(pickedId, email).IsValid);

    [Fact]
    public void A_picked_manager_can_be_messaged_a_typed_one_only_followed_up()
    {
        Assert.Equal("3f0b9c2e-5555-4a6b-9c1d-000000000005", SupportValidator.ValidateChosenManager("3F0B9C2E-5555-4A6B-9C1D-000000000005", null).Value!.AadObjectId);
        Assert.Null(SupportValidator.ValidateChosenManager(null, "alex@example.ac.uk").Value!.AadObjectId);
    }

    [Fact]
    public void The_incident_form_hands_over_what_fits()
    {
        var handover = System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            verb = "support.start",
            form = new { what = What, platform = "x", platformOther = "", links = Link, noticedOn = "2026-03-01", stillLive = "notSure", kind = "harassment", urgency = "urgent" },
        });

        var form = SupportForm.FromIncidentForm(handover, Today);

        // Noticed three days before today: "This week".
        Assert.Equal((What, "x", Link, "thisWeek", "notSure"), (form.What, form.Platforms, form.Links, form.Since, form.Ongoing));
        Assert.Equal("", form.ManagerSharing);
    }

    [Theory]
    [InlineData("2026-03-04", "thisWeek")]
    [InlineData("2026-02-20", "thisMonth")]
    [InlineData("2026-01-10", "longer")]
    [InlineData("2026-03-05", "")]
    public void A_day_noticed_becomes_the_nearest_since_when_choice(string noticed, string expected) =>
        Assert.Equal(expected, SupportChoices.SinceValueFor(DateOnly.Parse(noticed, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Fact]
    public void An_other_platform_without_a_name_is_shown_as_other()
    {
        var details = SupportValidator.Validate(Form(i => i["platformOther"] = "")).Value!;

        Assert.Equal("X (Twitter), Other", SupportSummary.From(details).Platforms);
    }
}
