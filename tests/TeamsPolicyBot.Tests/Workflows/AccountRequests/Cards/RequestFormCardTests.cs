using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

public sealed class RequestFormCardTests
{
    private static readonly RequestFormValues Typed = SampleRequest.Form with { SignOff = "" };

    [Fact]
    public void The_form_has_an_input_for_every_field_of_the_design_and_nothing_else()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New());

        Assert.Equal(RequestFormValues.FieldIds.Order(StringComparer.Ordinal), card.Inputs().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_required_inputs_message_in_the_card_is_the_one_the_server_gives()
    {
        var inputs = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New()).Inputs();
        var emptyForm = AccountRequestValidator.Validate(new AccountRequestForm(), AccountRequestSamples.Ada).Errors;

        var required = inputs.Values.Where(input => (bool?)input["isRequired"] == true).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, input => Assert.Equal((string?)input["errorMessage"], emptyForm.GetValueOrDefault((string)input["id"]!)));
    }

    [Theory]
    [InlineData("existingUrl", "alreadyExists=true|existingUrl=")]
    [InlineData("secondAdminEmail", "secondAdmin=|secondAdminEmail=alan.turing")]
    public void An_optional_inputs_message_in_the_card_is_the_one_the_server_gives(string id, string overrides)
    {
        var input = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New()).Inputs()[id];

        var errors = AccountRequestValidator.Validate(AccountRequestSamples.Form(overrides), AccountRequestSamples.Ada).Errors;

        Assert.Equal((string?)input["errorMessage"], errors[id]);
    }

    [Fact]
    public void The_second_administrator_is_marked_required_and_the_servers_message_uses_the_cards_words()
    {
        var inputs = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New()).Inputs();
        var picker = (string)inputs["secondAdmin"]["label"]!;
        var email = (string)inputs["secondAdminEmail"]["label"]!;

        var errors = AccountRequestValidator.Validate(AccountRequestSamples.Form("secondAdmin=|secondAdminEmail="), AccountRequestSamples.Ada).Errors;

        Assert.StartsWith("Second administrator (required", picker, StringComparison.Ordinal);
        Assert.StartsWith("Or their work email", email, StringComparison.Ordinal);
        Assert.Equal(AccountRequestValidator.SecondAdminMissing, Assert.Single(errors).Value);
        Assert.Equal("secondAdmin", errors.Keys.Single());
        Assert.Contains("second administrator", errors["secondAdmin"], StringComparison.Ordinal);
        Assert.Contains("their work email", errors["secondAdmin"], StringComparison.Ordinal);
    }

    [Fact]
    public void There_is_no_password_field_and_the_form_says_so()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New());

        Assert.DoesNotContain(card.Inputs().Values, input => (string?)input["style"] == "Password" || ((string)input["id"]!).Contains("password", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(card.Texts(), text => text.Contains("Passwords are never shared through this bot", StringComparison.Ordinal) && text.Contains("(4.20)", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_input_shows_the_value_it_was_given_unescaped()
    {
        var card = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New() with { Values = Typed });

        var inputs = card.Inputs();
        Assert.Equal("instagram", (string?)inputs["platform"]["value"]);
        Assert.Equal("@MRCGambia_Malaria", (string?)inputs["handle"]["value"]);
        Assert.Equal("[click](https://evil)", (string?)inputs["purpose"]["value"]);
        Assert.Equal("true", (string?)inputs["confirmPolicy"]["value"]);
        Assert.Equal("false", (string?)inputs["confirmTraining"]["value"]);
        Assert.Equal("", (string?)inputs["signOff"]["value"]);
    }

    [Fact]
    public void Required_inputs_say_so_with_a_message_and_long_text_has_a_limit()
    {
        var inputs = RenderedCard.Of(AccountRequestCardNames.Form, RequestFormCard.New()).Inputs();

        string[] required = ["platform", "handle", "unitType", "unitName", "purpose", "audiences", "strategicAims", "contentPlan", "postingFrequency", "evaluation", "resourcing", "signOff", "confirmPolicy", "confirmSecurity", "confirmTraining"];
        Assert.All(required, id => Assert.True((bool?)inputs[id]["isRequired"] == true && !string.IsNullOrWhiteSpace((string?)inputs[id]["errorMessage"]), id));
        Assert.All(inputs.Values, input => Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]), (string?)input["id"]));
        Assert.Equal(1000, (int?)inputs["purpose"]["maxLength"]);
        Assert.Equal(50, (int?)inputs["platformOther"]["maxLength"]);
        Assert.Equal("graph.microsoft.com/users", (string?)inputs["secondAdmin"]["choices.data"]?["dataset"]);
    }

    [Fact]
    public void A_new_form_has_no_problems_and_submits_only_its_submission_id()
    {
        var form = RequestFormCard.New();
        var card = RenderedCard.Of(AccountRequestCardNames.Form, form);

        Assert.Contains("Request an official account", card.Texts());
        Assert.DoesNotContain(card.Texts(), text => text.Contains("Problem", StringComparison.Ordinal) || text.Contains("Please fix", StringComparison.Ordinal));
        var submit = Assert.Single(card.ExecuteActions()).Value;
        Assert.Equal("accountRequest.submit", (string?)submit["verb"]);
        JsonAssert.Equal(new JsonObject { ["submissionId"] = form.SubmissionId }, submit["data"]);
        Assert.True(Guid.TryParse(form.SubmissionId, out _));
    }

    [Fact]
    public void Problems_show_next_to_their_fields_only_with_a_summary_that_counts_them()
    {
        var form = RequestFormCard.New() with
        {
            Values = Typed,
            Errors = new Dictionary<string, string>
            {
                ["signOff"] = "Describe how posts are signed off.",
                ["secondAdminEmail"] = "The second administrator must be someone other than you.",
            },
        };

        var card = RenderedCard.Of(AccountRequestCardNames.Form, form);

        var problems = card.OfType("TextBlock").Where(t => ((string)t["text"]!).StartsWith("⚠ Problem: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["⚠ Problem: Describe how posts are signed off.", "⚠ Problem: The second administrator must be someone other than you."], problems.Select(t => (string)t["text"]!));
        Assert.All(problems, problem => Assert.Equal("Attention", (string?)problem["color"]));
        Assert.Contains("⚠ Please fix 2 things below", card.Texts());
        var body = card.Card["body"]!.AsArray().Select(node => node!.ToJsonString()).ToList();
        var signOffInput = body.FindIndex(json => json.Contains("\"id\":\"signOff\"", StringComparison.Ordinal));
        Assert.Contains("Describe how posts are signed off.", body[signOffInput], StringComparison.Ordinal);
    }

    [Fact]
    public void One_problem_is_counted_in_the_singular()
    {
        var form = RequestFormCard.New() with { Errors = new Dictionary<string, string> { ["handle"] = "Enter the account name or handle." } };

        Assert.Equal("Please fix 1 thing below", form.ErrorSummary);
        Assert.Contains("⚠ Please fix 1 thing below", RenderedCard.Of(AccountRequestCardNames.Form, form).Texts());
    }

    [Fact]
    public void A_resubmission_names_the_request_shows_the_Comms_message_escaped_and_submits_the_reference()
    {
        var form = RequestFormCard.Resubmission("SMA-2026-0042", Typed, "Please add the *sign-off* process.", "Sam Carter");

        var card = RenderedCard.Of(AccountRequestCardNames.Form, form);

        Assert.Contains("Update your request SMA-2026-0042", card.Texts());
        Assert.DoesNotContain("Request an official account", card.Texts());
        Assert.Contains(@"Please add the \*sign-off\* process.", card.Texts());
        Assert.Contains("From Sam Carter", card.Texts());
        var submit = card.ExecuteActions()["accountRequest.submit"];
        JsonAssert.Equal(new JsonObject { ["submissionId"] = form.SubmissionId, ["reference"] = "SMA-2026-0042" }, submit["data"]);
    }

    [Fact]
    public void The_people_picker_shows_the_chosen_person_when_the_form_is_shown_again()
    {
        var form = RequestFormCard.New() with { Values = Typed with { SecondAdmin = "6f1c9a52-0d1e-4c1b-9a77-1f2e3d4c5b6a" }, SecondAdminName = "Amadou Jallow" };

        var picker = RenderedCard.Of(AccountRequestCardNames.Form, form).Inputs()["secondAdmin"];

        Assert.Equal("6f1c9a52-0d1e-4c1b-9a77-1f2e3d4c5b6a", (string?)picker["value"]);
        JsonAssert.Equal("""[{ "title": "Amadou Jallow", "value": "6f1c9a52-0d1e-4c1b-9a77-1f2e3d4c5b6a" }]""", picker["choices"]);
    }

    [Fact]
    public void A_posted_form_is_shown_again_as_typed_with_every_missing_input_at_its_default()
    {
        var posted = RenderedCard.Element("""
            { "submissionId": "abc", "reference": "SMA-2026-0042", "platform": "x", "handle": " @a ", "confirmPolicy": "true", "version": 3, "unknown": "zzz" }
            """);

        var values = RequestFormValues.From(AccountRequestForm.FromJson(posted));

        Assert.Equal(new RequestFormValues { Platform = "x", Handle = " @a ", ConfirmPolicy = "true" }, values);
    }
}
