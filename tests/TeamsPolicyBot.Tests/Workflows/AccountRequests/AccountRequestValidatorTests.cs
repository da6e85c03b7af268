using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

public class AccountRequestValidatorTests
{
    [Theory]
    // platform
    [InlineData("platform=", "platform", "Choose a platform from the list")]
    [InlineData("platform=   ", "platform", "Choose a platform from the list")]
    [InlineData("platform=myspace", "platform", "Choose a platform from the list")]
    [InlineData("platform=other|platformOther=", "platformOther", "Enter the name of the platform")]
    [InlineData("platform=other|platformOther=~51", "platformOther", "Keep this to 50 characters or fewer (it is 51)")]
    // handle
    [InlineData("handle=", "handle", "Enter the account name or handle")]
    [InlineData("handle=~101", "handle", "Keep this to 100 characters or fewer (it is 101)")]
    // alreadyExists / existingUrl
    [InlineData("alreadyExists=maybe", "alreadyExists", "Say whether the account exists already")]
    [InlineData("alreadyExists=true|existingUrl=", "existingUrl", "Enter the link to the existing account in full, starting with https://")]
    [InlineData("alreadyExists=true|existingUrl=  ", "existingUrl", "Enter the link to the existing account in full, starting with https://")]
    [InlineData("alreadyExists=true|existingUrl=instagram.com/lshtm", "existingUrl", "This is not a link")]
    [InlineData("alreadyExists=true|existingUrl=ftp://files.lshtm.ac.uk/a", "existingUrl", "This is not a link")]
    [InlineData("alreadyExists=true|existingUrl=https://", "existingUrl", "This is not a link")]
    [InlineData("alreadyExists=true|existingUrl=https://localhost/x", "existingUrl", "This is not a link")]
    [InlineData("alreadyExists=true|existingUrl=https://x.org/~287", "existingUrl", "Keep this to 300 characters or fewer (it is 301)")]
    // unit
    [InlineData("unitType=", "unitType", "Choose which part of the university")]
    [InlineData("unitType=school", "unitType", "Choose which part of the university")]
    [InlineData("unitName=", "unitName", "Enter the name of the faculty")]
    [InlineData("unitName=~151", "unitName", "Keep this to 150 characters or fewer (it is 151)")]
    // plan
    [InlineData("purpose=", "purpose", "Say what the account is for")]
    [InlineData("purpose= \t ", "purpose", "Say what the account is for")]
    [InlineData("purpose=~1234", "purpose", "Keep this to 1,000 characters or fewer (it is 1,234)")]
    [InlineData("audiences=", "audiences", "Say who the account is for")]
    [InlineData("audiences=~501", "audiences", "Keep this to 500 characters or fewer (it is 501)")]
    [InlineData("strategicAims=", "strategicAims", "strategic aims")]
    [InlineData("strategicAims=~1001", "strategicAims", "Keep this to 1,000 characters or fewer (it is 1,001)")]
    [InlineData("contentPlan=", "contentPlan", "Say what you will post")]
    [InlineData("contentPlan=~1001", "contentPlan", "Keep this to 1,000 characters or fewer (it is 1,001)")]
    [InlineData("postingFrequency=", "postingFrequency", "Choose how often you will post")]
    [InlineData("postingFrequency=hourly", "postingFrequency", "Choose how often you will post")]
    [InlineData("evaluation=", "evaluation", "how you will know the account is working")]
    [InlineData("evaluation=~1001", "evaluation", "Keep this to 1,000 characters or fewer (it is 1,001)")]
    [InlineData("resourcing=", "resourcing", "who will run the account and how much time")]
    [InlineData("resourcing=~501", "resourcing", "Keep this to 500 characters or fewer (it is 501)")]
    [InlineData("signOff=", "signOff", "how posts are signed off")]
    [InlineData("signOff=~1001", "signOff", "Keep this to 1,000 characters or fewer (it is 1,001)")]
    // second administrator
    [InlineData("secondAdmin=29:1abc", "secondAdmin", "people picker sent something that is not a person")]
    [InlineData("secondAdmin=" + RequesterId, "secondAdmin", "The second administrator must be someone other than you")]
    [InlineData("secondAdmin=6F1C2D3E-4A5B-4C6D-8E7F-90A1B2C3D4E5", "secondAdmin", "The second administrator must be someone other than you")]
    [InlineData("secondAdminEmail=", "secondAdmin", "Choose a second administrator, or enter their work email")]
    [InlineData("secondAdminEmail=alan.turing", "secondAdminEmail", "Enter a work email address like name@lshtm.ac.uk")]
    [InlineData("secondAdminEmail=alan@lshtm", "secondAdminEmail", "Enter a work email address like name@lshtm.ac.uk")]
    [InlineData("secondAdminEmail=Alan <alan@lshtm.ac.uk>", "secondAdminEmail", "Enter a work email address like name@lshtm.ac.uk")]
    [InlineData("secondAdminEmail=alan@lshtm.ac.uk, bob@lshtm.ac.uk", "secondAdminEmail", "Enter a work email address like name@lshtm.ac.uk")]
    [InlineData("secondAdminEmail=Ada.Lovelace@LSHTM.ac.uk", "secondAdminEmail", "The second administrator must be someone other than you")]
    [InlineData("secondAdminEmail=~245@lshtm.ac.uk", "secondAdminEmail", "Keep this to 254 characters or fewer (it is 257)")]
    // confirmations
    [InlineData("confirmPolicy=", "confirmPolicy", "Confirm that you have read the social media policy")]
    [InlineData("confirmPolicy=false", "confirmPolicy", "Confirm that you have read the social media policy")]
    [InlineData("confirmPolicy=yes", "confirmPolicy", "Confirm that you have read the social media policy")]
    [InlineData("confirmSecurity=false", "confirmSecurity", "strong, unique passwords, two-factor authentication")]
    [InlineData("confirmTraining=false", "confirmTraining", "training if Comms asks you to")]
    public void A_bad_input_is_refused_next_to_its_field_with_a_message_naming_the_problem(string overrides, string field, string message)
    {
        var result = AccountRequestValidator.Validate(Form(overrides), Ada);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Key);
        Assert.Contains(message, error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_form_gives_typed_trimmed_details()
    {
        var result = AccountRequestValidator.Validate(
            Form("handle=  @lshtm_malaria  |unitName=\tMalaria Centre \n|alreadyExists=true|existingUrl= https://www.instagram.com/lshtm_malaria |secondAdmin=A1B2C3D4-E5F6-4789-8ABC-DEF012345678|secondAdminEmail= alan.turing@lshtm.ac.uk "),
            Ada);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var details = result.Value;
        Assert.Equal(SocialPlatform.Instagram, details.Platform);
        Assert.Null(details.PlatformOther);
        Assert.Equal("@lshtm_malaria", details.Handle);
        Assert.True(details.AlreadyExists);
        Assert.Equal(new Uri("https://www.instagram.com/lshtm_malaria"), details.ExistingUrl);
        Assert.Equal(UnitType.ResearchCentre, details.UnitType);
        Assert.Equal("Malaria Centre", details.UnitName);
        Assert.Equal("Share the centre's research and events.", details.Purpose);
        Assert.Equal("Researchers, funders and the public.", details.Audiences);
        Assert.Equal("Raises the profile of our malaria research (strategy aim 2).", details.StrategicAims);
        Assert.Equal("New papers, event announcements, field stories.", details.ContentPlan);
        Assert.Equal(PostingFrequency.SeveralPerWeek, details.PostingFrequency);
        Assert.Equal("Follower growth and engagement, reviewed every quarter.", details.Evaluation);
        Assert.Equal("Our communications officer, 4 hours a week.", details.Resourcing);
        Assert.Equal("The centre director approves every post.", details.SignOff);
        Assert.Equal(new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk"), details.SecondAdmin);
        Assert.Equal("Instagram · @lshtm_malaria", details.Title);
    }

    [Fact]
    public void Every_problem_on_an_empty_form_is_reported_at_once()
    {
        var result = AccountRequestValidator.Validate(new AccountRequestForm(), Ada);

        Assert.Equal(
            new[]
            {
                "audiences", "confirmPolicy", "confirmSecurity", "confirmTraining", "contentPlan", "evaluation", "handle",
                "platform", "postingFrequency", "purpose", "resourcing", "secondAdmin", "signOff", "strategicAims", "unitName", "unitType",
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("purpose=~1000")]
    [InlineData("audiences=~500")]
    [InlineData("handle=~100")]
    [InlineData("platform=other|platformOther=~50")]
    public void Text_exactly_at_the_limit_is_accepted(string overrides) =>
        Assert.True(AccountRequestValidator.Validate(Form(overrides), Ada).IsValid);

    [Fact]
    public void Other_platform_keeps_its_name_and_names_the_title()
    {
        var details = Details("platform=OTHER|platformOther= Mastodon |handle=@lshtm@mastodon.social");

        Assert.Equal(SocialPlatform.Other, details.Platform);
        Assert.Equal("Mastodon", details.PlatformOther);
        Assert.Equal("Mastodon · @lshtm@mastodon.social", details.Title);
    }

    [Fact]
    public void Inputs_for_choices_not_taken_are_dropped_not_checked()
    {
        var details = Details("platform=x|platformOther=~80|alreadyExists=false|existingUrl=not a url");

        Assert.Null(details.PlatformOther);
        Assert.False(details.AlreadyExists);
        Assert.Null(details.ExistingUrl);
    }

    [Fact]
    public void The_people_picker_alone_is_enough_for_the_second_administrator()
    {
        var details = Details("secondAdmin=" + SecondAdminId + "|secondAdminEmail=");

        Assert.Equal(new Administrator(SecondAdminId, null), details.SecondAdmin);
    }

    [Fact]
    public void When_the_requesters_email_is_unknown_any_valid_second_email_is_accepted()
    {
        var result = AccountRequestValidator.Validate(Form("secondAdminEmail=ada.lovelace@lshtm.ac.uk"), Ada with { Email = null });

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(null, null, "rejectReason", "Choose a reason")]
    [InlineData("spam", null, "rejectReason", "Choose a reason")]
    [InlineData("other", "  ", "rejectDetails", "Explain why the request is rejected")]
    [InlineData("duplicate", "~501", "rejectDetails", "Keep this to 500 characters or fewer (it is 501)")]
    public void A_rejection_needs_a_listed_reason_and_for_other_an_explanation(string? reason, string? details, string field, string message)
    {
        var result = AccountRequestValidator.ValidateRejection(reason, details == "~501" ? new string('x', 501) : details);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Key);
        Assert.Contains(message, error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("insufficientResource", null, "InsufficientResource", null)]
    [InlineData("reputationalRisk", " Too close to an election ", "ReputationalRisk", "Too close to an election")]
    [InlineData("duplicate", "", "Duplicate", null)]
    [InlineData("other", "No named owner", "Other", "No named owner")]
    public void A_valid_rejection_is_typed_and_trimmed(string reason, string? details, string expected, string? expectedDetails)
    {
        var result = AccountRequestValidator.ValidateRejection(reason, details);

        Assert.True(result.IsValid);
        Assert.Equal(new Rejection(Enum.Parse<RejectReason>(expected), expectedDetails), result.Value);
    }

    [Theory]
    [InlineData(null, "Say what the requester should change")]
    [InlineData(" ", "Say what the requester should change")]
    [InlineData("~1001", "Keep this to 1,000 characters or fewer (it is 1,001)")]
    public void Asking_for_changes_needs_a_message_within_the_limit(string? message, string expected)
    {
        var result = AccountRequestValidator.ValidateChangesMessage(message == "~1001" ? new string('x', 1001) : message);

        var error = Assert.Single(result.Errors);
        Assert.Equal("changesMessage", error.Key);
        Assert.Contains(expected, error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changes_message_is_trimmed()
    {
        Assert.Equal("Add a second administrator.", AccountRequestValidator.ValidateChangesMessage("  Add a second administrator.\n").Value);
    }
}
