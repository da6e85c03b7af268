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
}
