using System.Text.Json;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

public class AccountRequestFormTests
{
    [Fact]
    public void Reads_every_input_and_the_hidden_data_from_action_execute_data()
    {
        using var json = JsonDocument.Parse("""
            {
              "verb": "accountRequest.submit", "msteams": { "type": "task/fetch" },
              "platform": "other", "platformOther": "Mastodon", "handle": "@a", "alreadyExists": "true",
              "existingUrl": "https://m.social/@a", "unitType": "group", "unitName": "G", "purpose": "P",
              "audiences": "A", "strategicAims": "S", "contentPlan": "C", "postingFrequency": "weekly",
              "evaluation": "E", "resourcing": "R", "signOff": "O", "secondAdmin": "a1b2c3d4-e5f6-4789-8abc-def012345678",
              "secondAdminEmail": "b@x.org", "confirmPolicy": "true", "confirmSecurity": "false", "confirmTraining": "true",
              "submissionId": "4d3c2b1a-0f9e-4d8c-b7a6-958473625140", "reference": "SMA-2026-0007"
            }
            """);

        var form = AccountRequestForm.FromJson(json.RootElement);

        Assert.Equal(
            new AccountRequestForm
            {
                Platform = "other",
                PlatformOther = "Mastodon",
                Handle = "@a",
                AlreadyExists = "true",
                ExistingUrl = "https://m.social/@a",
                UnitType = "group",
                UnitName = "G",
                Purpose = "P",
                Audiences = "A",
                StrategicAims = "S",
                ContentPlan = "C",
                PostingFrequency = "weekly",
                Evaluation = "E",
                Resourcing = "R",
                SignOff = "O",
                SecondAdmin = "a1b2c3d4-e5f6-4789-8abc-def012345678",
                SecondAdminEmail = "b@x.org",
                ConfirmPolicy = "true",
                ConfirmSecurity = "false",
                ConfirmTraining = "true",
                SubmissionId = "4d3c2b1a-0f9e-4d8c-b7a6-958473625140",
                Reference = "SMA-2026-0007",
            },
            form);
    }

    [Fact]
    public void Toggles_sent_as_json_booleans_read_as_true_and_false()
    {
        using var json = JsonDocument.Parse("""{ "alreadyExists": true, "confirmPolicy": false, "handle": 42, "unitName": null, "purpose": {"x":1} }""");

        var form = AccountRequestForm.FromJson(json.RootElement);

        Assert.Equal("true", form.AlreadyExists);
        Assert.Equal("false", form.ConfirmPolicy);
        Assert.Equal("42", form.Handle);
        Assert.Null(form.UnitName);
        Assert.Null(form.Purpose);
        Assert.Null(form.Platform);
    }

    [Fact]
    public void Data_that_is_not_an_object_reads_as_an_empty_form()
    {
        using var json = JsonDocument.Parse("\"submit\"");

        Assert.Equal(new AccountRequestForm(), AccountRequestForm.FromJson(json.RootElement));
    }

    [Fact]
    public void A_form_prefilled_from_details_validates_back_to_the_same_details_once_confirmed_again()
    {
        var original = Details("platform=other|platformOther=Mastodon|alreadyExists=true|existingUrl=https://m.social/@a|secondAdmin=" + SecondAdminId);

        var form = AccountRequestForm.FromDetails(original, "SMA-2026-0009");

        Assert.Equal("SMA-2026-0009", form.Reference);
        Assert.Null(form.ConfirmPolicy);
        var again = AccountRequestValidator.Validate(form with { ConfirmPolicy = "true", ConfirmSecurity = "true", ConfirmTraining = "true" }, Ada);
        Assert.Equal(original, again.Value);
    }
}
