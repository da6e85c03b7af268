using System.Text.Json;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// The request form exactly as submitted: every input as the card sent it, unchecked. Only
/// <see cref="AccountRequestValidator"/> turns it into <see cref="AccountRequestDetails"/>; the
/// form itself goes back into the card when validation fails, so people keep what they typed.
/// </summary>
internal sealed record AccountRequestForm
{
    public string? Platform { get; init; }
    public string? PlatformOther { get; init; }
    public string? Handle { get; init; }
    public string? AlreadyExists { get; init; }
    public string? ExistingUrl { get; init; }
    public string? UnitType { get; init; }
    public string? UnitName { get; init; }
    public string? Purpose { get; init; }
    public string? Audiences { get; init; }
    public string? StrategicAims { get; init; }
    public string? ContentPlan { get; init; }
    public string? PostingFrequency { get; init; }
    public string? Evaluation { get; init; }
    public string? Resourcing { get; init; }
    public string? SignOff { get; init; }
    public string? SecondAdmin { get; init; }
    public string? SecondAdminEmail { get; init; }
    public string? ConfirmPolicy { get; init; }
    public string? ConfirmSecurity { get; init; }
    public string? ConfirmTraining { get; init; }

    /// <summary>Generated when the form is rendered; the same id twice is one submission (Teams retries invokes).</summary>
    public string? SubmissionId { get; init; }

    /// <summary>Set only on a resubmission after "ask for changes".</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// Reads Action.Execute <c>data</c> or Action.Submit <c>value</c>: the inputs merged with the
    /// button's hidden data. Unknown properties (the verb, card bookkeeping) are ignored; toggles
    /// may arrive as "true"/"false" strings or as JSON booleans, numbers as text or numbers.
    /// </summary>
    public static AccountRequestForm FromJson(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new AccountRequestForm();
        }

        string? Read(string name) => FormInputs.Text(value, name);

        return new AccountRequestForm
        {
            Platform = Read(AccountRequestFields.Platform),
            PlatformOther = Read(AccountRequestFields.PlatformOther),
            Handle = Read(AccountRequestFields.Handle),
            AlreadyExists = Read(AccountRequestFields.AlreadyExists),
            ExistingUrl = Read(AccountRequestFields.ExistingUrl),
            UnitType = Read(AccountRequestFields.UnitType),
            UnitName = Read(AccountRequestFields.UnitName),
            Purpose = Read(AccountRequestFields.Purpose),
            Audiences = Read(AccountRequestFields.Audiences),
            StrategicAims = Read(AccountRequestFields.StrategicAims),
            ContentPlan = Read(AccountRequestFields.ContentPlan),
            PostingFrequency = Read(AccountRequestFields.PostingFrequency),
            Evaluation = Read(AccountRequestFields.Evaluation),
            Resourcing = Read(AccountRequestFields.Resourcing),
            SignOff = Read(AccountRequestFields.SignOff),
            SecondAdmin = Read(AccountRequestFields.SecondAdmin),
            SecondAdminEmail = Read(AccountRequestFields.SecondAdminEmail),
            ConfirmPolicy = Read(AccountRequestFields.ConfirmPolicy),
            ConfirmSecurity = Read(AccountRequestFields.ConfirmSecurity),
            ConfirmTraining = Read(AccountRequestFields.ConfirmTraining),
            SubmissionId = Read(AccountRequestFields.SubmissionId),
            Reference = Read(AccountRequestFields.Reference),
        };
    }

    /// <summary>The form pre-filled from a stored request, for "edit and resubmit" after changes were asked for.</summary>
    public static AccountRequestForm FromDetails(AccountRequestDetails details, string reference)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new AccountRequestForm
        {
            Platform = SocialPlatforms.Choices.ValueOf(details.Platform),
            PlatformOther = details.PlatformOther,
            Handle = details.Handle,
            AlreadyExists = details.AlreadyExists ? "true" : "false",
            ExistingUrl = details.ExistingUrl?.OriginalString,
            UnitType = AccountRequestChoices.UnitTypes.ValueOf(details.UnitType),
            UnitName = details.UnitName,
            Purpose = details.Purpose,
            Audiences = details.Audiences,
            StrategicAims = details.StrategicAims,
            ContentPlan = details.ContentPlan,
            PostingFrequency = AccountRequestChoices.PostingFrequencies.ValueOf(details.PostingFrequency),
            Evaluation = details.Evaluation,
            Resourcing = details.Resourcing,
            SignOff = details.SignOff,
            SecondAdmin = details.SecondAdmin.AadObjectId,
            SecondAdminEmail = details.SecondAdmin.Email,

            // The confirmations are promises about the future: asked again on every submission.
            Reference = reference,
        };
    }
}
