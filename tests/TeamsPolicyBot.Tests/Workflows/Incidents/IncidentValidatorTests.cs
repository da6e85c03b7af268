using TeamsPolicyBot.Workflows.Incidents;
using static TeamsPolicyBot.Tests.Workflows.Incidents.IncidentSamples;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

public sealed class IncidentValidatorTests
{
    [Fact]
    public void A_complete_form_is_valid_and_cleaned()
    {
        var result = IncidentValidator.Validate(Form(i => i["what"] = "  Something happened.  "), Today);

        Assert.True(result.IsValid);
        Assert.Equal("Something happened.", result.Value.What);
        Assert.Equal(Urgency.Urgent, result.Value.Urgency);
        Assert.Equal(IncidentKind.Misinformation, result.Value.Kind);
        Assert.Null(result.Value.ActionsTaken);
        Assert.Equal("https://x.com/someone/status/1897000000000000000", Assert.Single(result.Value.Links).AbsoluteUri);
    }

    [Fact]
    public void An_empty_form_reports_every_required_field_at_once()
    {
        var result = IncidentValidator.Validate(IncidentForm.FromJson(System.Text.Json.JsonDocument.Parse("{}").RootElement), Today);

        Assert.Equal(
            ["kind", "links", "noticedOn", "platform", "postedBy", "stillLive", "urgency", "what"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("x.com/someone")]
    [InlineData("ftp://example.org/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://x.com/ok\nnot a link")]
    public void Links_must_all_be_http_or_https_addresses(string links)
    {
        var result = IncidentValidator.Validate(Form(i => i["links"] = links), Today);

        Assert.Contains("not a web address", result.Errors["links"], StringComparison.Ordinal);
    }

    [Fact]
    public void Several_links_one_per_line_are_all_kept()
    {
        var result = IncidentValidator.Validate(Form(i => i["links"] = "https://x.com/a\r\nhttp://example.org/b"), Today);

        Assert.Equal(2, result.Value!.Links.Count);
    }

    [Fact]
    public void Other_platform_needs_its_name()
    {
        var result = IncidentValidator.Validate(Form(i => i["platform"] = "other"), Today);

        Assert.Equal("Enter the name of the platform.", result.Errors["platformOther"]);
    }

    [Theory]
    [InlineData("2026-03-05", "cannot be in the future")]
    [InlineData("04/03/2026", "as a date")]
    public void The_day_noticed_must_be_a_date_not_in_the_future(string day, string message)
    {
        var result = IncidentValidator.Validate(Form(i => i["noticedOn"] = day), Today);

        Assert.Contains(message, result.Errors["noticedOn"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind", "forged")]
    [InlineData("urgency", "very")]
    [InlineData("postedBy", "someone")]
    [InlineData("stillLive", "maybe")]
    public void A_value_the_card_never_offered_is_refused(string field, string value)
    {
        var result = IncidentValidator.Validate(Form(i => i[field] = value), Today);

        Assert.True(result.Errors.ContainsKey(field));
    }

    [Fact]
    public void Resolving_as_other_needs_notes()
    {
        Assert.False(IncidentValidator.ValidateResolution("other", " ").IsValid);
        Assert.True(IncidentValidator.ValidateResolution("noAction", null).IsValid);
        Assert.False(IncidentValidator.ValidateResolution(null, "notes").IsValid);
    }

    [Theory]
    [InlineData("directMessage", nameof(ContentLocation.DirectMessage))]
    [InlineData("deleted", nameof(ContentLocation.Deleted))]
    [InlineData("draft", nameof(ContentLocation.Draft))]
    public void A_direct_message_deleted_content_or_a_draft_needs_no_link(string where, string expected)
    {
        var result = IncidentValidator.Validate(Form(i => (i["where"], i["links"]) = (where, "")), Today);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Values));
        Assert.Equal(Enum.Parse<ContentLocation>(expected), result.Value.Where);
        Assert.Empty(result.Value.Links);
    }

    [Theory]
    [InlineData("public")]
    [InlineData(null)]
    public void A_public_post_or_a_form_without_the_where_input_needs_its_link_and_the_message_names_both_inputs(string? where)
    {
        var result = IncidentValidator.Validate(Form(i => (i["where"], i["links"]) = (where, " ")), Today);

        Assert.Equal(IncidentValidator.LinkMissing, result.Errors["links"]);
        Assert.Contains("\"Link(s) to the content\"", result.Errors["links"], StringComparison.Ordinal);
        Assert.Contains("\"Where is the content\"", result.Errors["links"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_given_for_a_direct_message_is_still_checked()
    {
        var result = IncidentValidator.Validate(Form(i => (i["where"], i["links"]) = ("directMessage", "x.com/someone")), Today);

        Assert.Contains("not a web address", result.Errors["links"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_where_the_card_never_offered_is_refused()
    {
        var result = IncidentValidator.Validate(Form(i => i["where"] = "somewhere"), Today);

        Assert.Equal("Choose where the content is from the list.", result.Errors["where"]);
    }

    [Fact]
    public void Advice_before_posting_needs_no_link_and_is_never_urgent()
    {
        var result = IncidentValidator.Validate(Form(i => (i["kind"], i["links"], i["urgency"]) = ("advice", "", "urgent")), Today);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Values));
        Assert.Equal(IncidentKind.AdviceBeforePosting, result.Value.Kind);
        Assert.Equal(Urgency.Normal, result.Value.Urgency);
    }

    [Fact]
    public void A_fake_account_is_always_urgent_and_still_needs_its_link_when_public()
    {
        var result = IncidentValidator.Validate(Form(i => (i["kind"], i["urgency"]) = ("impersonation", "normal")), Today);
        var withoutLink = IncidentValidator.Validate(Form(i => (i["kind"], i["links"]) = ("impersonation", "")), Today);

        Assert.Equal(IncidentKind.Impersonation, result.Value!.Kind);
        Assert.Equal(Urgency.Urgent, result.Value.Urgency);
        Assert.Equal(IncidentValidator.LinkMissing, withoutLink.Errors["links"]);
    }
}
