using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

public sealed class SupportValidatorTests
{
    [Fact]
    public void A_complete_form_is_valid_and_cleaned()
    {
        var result = SupportValidator.Validate(Form(i => i["what"] = "  Someone keeps replying to me.  "), Today);

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
    public void An_empty_form_reports_every_required_field_at_once()
    {
        var result = SupportValidator.Validate(new SupportForm(), Today);

        Assert.Equal(
            ["managerSharing", "needs", "ongoing", "platforms", "since", "what", "workRelation"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Links_are_optional_but_must_be_web_addresses_when_given()
    {
        Assert.True(SupportValidator.Validate(Form(i => i["links"] = ""), Today).IsValid);
        Assert.Contains("not a web address", SupportValidator.Validate(Form(i => i["links"] = "x.com/someone"), Today).Errors["links"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("platforms", "x,myspace", "platforms")]
    [InlineData("needs", "wellbeing,hugs", "needs")]
    [InlineData("managerSharing", "everything", "managerSharing")]
    [InlineData("platformOther", "", "platformOther")]
    [InlineData("since", "2026-03-05", "since")]
    [InlineData("feelsUnsafe", "maybe", "feelsUnsafe")]
    public void A_value_the_card_never_offered_or_a_missing_dependent_field_is_refused(string field, string value, string errorKey)
    {
        var result = SupportValidator.Validate(Form(i => i[field] = value), Today);

        Assert.False(result.IsValid);
        Assert.Equal(errorKey, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Feeling_unsafe_makes_it_urgent()
    {
        var result = SupportValidator.Validate(Form(i => i["feelsUnsafe"] = "true"), Today);

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

        var form = SupportForm.FromIncidentForm(handover);

        Assert.Equal((What, "x", Link, "2026-03-01", "notSure"), (form.What, form.Platforms, form.Links, form.Since, form.Ongoing));
        Assert.Equal("", form.ManagerSharing);
    }
}
