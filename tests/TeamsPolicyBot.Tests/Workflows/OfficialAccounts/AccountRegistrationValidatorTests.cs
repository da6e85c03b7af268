using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;
using F = TeamsPolicyBot.Workflows.OfficialAccounts.AccountRegistrationFields;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

public sealed class AccountRegistrationValidatorTests
{
    private static readonly AccountRegistrationForm Valid = new()
    {
        Platform = "instagram",
        Handle = "  @LSHTM_Malaria ",
        Link = "https://www.instagram.com/lshtm_malaria",
        UnitType = "researchCentre",
        UnitName = "Malaria Centre",
        OtherAdmins = SecondAdminId,
        SubmissionId = "3b1f6c2e-8a4d-4f7e-9b21-5c0d7e9a4f16",
    };

    private static ValidationResult<AccountRegistrationDetails> Validate(AccountRegistrationForm form) => AccountRegistrationValidator.Validate(form, RequesterId);

    [Fact]
    public void A_complete_form_is_valid_and_names_the_platform()
    {
        var details = Validate(Valid).Value!;

        Assert.Equal(SocialPlatform.Instagram, details.Platform);
        Assert.Equal("Instagram", details.PlatformName);
        Assert.Equal("@LSHTM_Malaria", details.Handle);
        Assert.Equal(new Uri("https://www.instagram.com/lshtm_malaria"), details.Link);
        Assert.Equal(UnitType.ResearchCentre, details.UnitType);
        Assert.Equal([SecondAdminId], details.OtherAdminIds);
    }

    [Fact]
    public void An_empty_form_names_every_required_field()
    {
        var errors = Validate(new AccountRegistrationForm()).Errors;

        Assert.Equal(new[] { F.Platform, F.Handle, F.Link, F.UnitType, F.UnitName, F.OtherAdmins }.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AccountRegistrationValidator.OtherAdminMissing, errors[F.OtherAdmins]);
        Assert.Contains("starting with https://", errors[F.Link], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instagram.com/lshtm")]
    [InlineData("ftp://files.example.org/lshtm")]
    [InlineData("not a link")]
    public void A_link_that_is_not_a_web_address_is_refused(string link)
    {
        var errors = Validate(Valid with { Link = link }).Errors;

        Assert.Equal([F.Link], errors.Keys);
        Assert.Equal(AccountRegistrationValidator.LinkInvalid, errors[F.Link]);
    }

    [Fact]
    public void Other_needs_the_platform_name_and_a_bare_at_sign_is_not_a_handle()
    {
        var errors = Validate(Valid with { Platform = "other", Handle = " @ " }).Errors;

        Assert.Equal("Enter the name of the platform.", errors[F.PlatformOther]);
        Assert.Contains("not only \"@\"", errors[F.Handle], StringComparison.Ordinal);
        Assert.Equal("Mastodon", Validate(Valid with { Platform = "other", PlatformOther = "Mastodon" }).Value!.PlatformName);
    }

    [Theory]
    [InlineData(RequesterId, AccountRegistrationValidator.OtherAdminIsYou)]
    [InlineData("alan.turing@lshtm.ac.uk", AccountRegistrationValidator.OtherAdminNotAPerson)]
    [InlineData("", AccountRegistrationValidator.OtherAdminMissing)]
    public void The_other_administrators_are_people_from_the_picker_other_than_the_registrant(string picked, string expected)
    {
        Assert.Equal(expected, Validate(Valid with { OtherAdmins = picked }).Errors[F.OtherAdmins]);
    }

    [Fact]
    public void Several_people_from_the_picker_are_kept_once_each()
    {
        var ids = Validate(Valid with { OtherAdmins = $"{SecondAdminId},{ApproverId}, {SecondAdminId.ToUpperInvariant()}" }).Value!.OtherAdminIds;

        Assert.Equal([SecondAdminId, ApproverId], ids);
    }
}
