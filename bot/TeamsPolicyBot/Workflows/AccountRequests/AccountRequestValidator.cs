using TeamsPolicyBot.Forms;
using F = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestFields;
using L = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestLimits;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>A reject decision's inputs, checked.</summary>
internal sealed record Rejection(RejectReason Reason, string? Details);

/// <summary>
/// Every rule of the design's form table, with messages that say what to do. Nothing about a
/// request is stored until this says the form is valid.
/// </summary>
internal static class AccountRequestValidator
{
    public const string SameAdministrator = "The second administrator must be someone other than you.";

    /// <summary>In the card's words: its "Second administrator" picker and "Or their work email" box.</summary>
    public const string SecondAdminMissing =
        "Choose a second administrator, or enter their work email: someone other than you who can post, edit and delete when you are away (4.21).";

    /// <summary>Also the card's own errorMessage for the email box.</summary>
    public const string SecondAdminEmailInvalid = "Enter a work email address like name@lshtm.ac.uk.";

    public static ValidationResult<AccountRequestDetails> Validate(AccountRequestForm form, Requester requester)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(requester);
        var rules = new FieldRules();

        var (platform, platformOther, handle) = Account(rules, form.Platform, form.PlatformOther, form.Handle);
        var alreadyExists = rules.Toggle(F.AlreadyExists, form.AlreadyExists, "Say whether the account exists already.");
        var existingUrl = alreadyExists
            ? rules.Url(
                F.ExistingUrl,
                form.ExistingUrl,
                L.ExistingUrl,
                "Enter the link to the existing account in full, starting with https://",
                "This is not a link: enter the link to the existing account in full, starting with https:// (for example https://www.instagram.com/lshtm).")
            : null;
        var (unitType, unitName) = Unit(rules, form.UnitType, form.UnitName);
        var purpose = rules.Text(F.Purpose, form.Purpose, L.Purpose, "Say what the account is for.");
        var audiences = rules.Text(F.Audiences, form.Audiences, L.Audiences, "Say who the account is for.");
        var strategicAims = rules.Text(F.StrategicAims, form.StrategicAims, L.StrategicAims, "Say how the account supports your unit's strategic aims.");
        var contentPlan = rules.Text(F.ContentPlan, form.ContentPlan, L.ContentPlan, "Say what you will post.");
        var frequency = rules.Choice(F.PostingFrequency, form.PostingFrequency, AccountRequestChoices.PostingFrequencies, "Choose how often you will post from the list.");
        var evaluation = rules.Text(F.Evaluation, form.Evaluation, L.Evaluation, "Say how you will know the account is working.");
        var resourcing = rules.Text(F.Resourcing, form.Resourcing, L.Resourcing, "Say who will run the account and how much time they have.");
        var signOff = rules.Text(F.SignOff, form.SignOff, L.SignOff, "Describe how posts are signed off before they go out.");
        var secondAdmin = SecondAdministrator(rules, form, requester);
        rules.MustBeTrue(F.ConfirmPolicy, form.ConfirmPolicy, "Confirm that you have read the social media policy and the best-practice guidance.");
        rules.MustBeTrue(F.ConfirmSecurity, form.ConfirmSecurity, "Confirm that you will use strong, unique passwords, two-factor authentication and secured devices.");
        rules.MustBeTrue(F.ConfirmTraining, form.ConfirmTraining, "Confirm that you will take social media training if Comms asks you to.");

        if (rules.HasErrors)
        {
            return ValidationResult<AccountRequestDetails>.Failure(rules.Errors);
        }

        return ValidationResult<AccountRequestDetails>.Success(new AccountRequestDetails
        {
            Platform = platform!.Value,
            PlatformOther = platformOther,
            Handle = handle!,
            AlreadyExists = alreadyExists,
            ExistingUrl = existingUrl,
            UnitType = unitType!.Value,
            UnitName = unitName!,
            Purpose = purpose!,
            Audiences = audiences!,
            StrategicAims = strategicAims!,
            ContentPlan = contentPlan!,
            PostingFrequency = frequency!.Value,
            Evaluation = evaluation!,
            Resourcing = resourcing!,
            SignOff = signOff!,
            SecondAdmin = secondAdmin!,
        });
    }

    /// <summary>Which account: its platform (and the name typed for Other) and handle. The "register account" form asks the same.</summary>
    public static (SocialPlatform? Platform, string? PlatformOther, string? Handle) Account(FieldRules rules, string? platform, string? platformOther, string? handle)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var chosen = rules.Choice(F.Platform, platform, SocialPlatforms.Choices, "Choose a platform from the list.");
        var other = chosen == SocialPlatform.Other
            ? rules.Text(F.PlatformOther, platformOther, L.PlatformOther, "Enter the name of the platform.")
            : null;
        return (chosen, other, rules.Text(F.Handle, handle, L.Handle, "Enter the account name or handle, for example @lshtm_malaria."));
    }

    /// <summary>Who the account speaks for: the kind of unit and its name.</summary>
    public static (UnitType? Type, string? Name) Unit(FieldRules rules, string? unitType, string? unitName)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return (
            rules.Choice(F.UnitType, unitType, AccountRequestChoices.UnitTypes, "Choose which part of the university the account speaks for from the list."),
            rules.Text(F.UnitName, unitName, L.UnitName, "Enter the name of the faculty, unit, department, centre, group, project or network."));
    }

    /// <summary>The reject inputs: a reason from the list; details required for Other.</summary>
    public static ValidationResult<Rejection> ValidateRejection(string? reason, string? details)
    {
        var rules = new FieldRules();
        var parsed = rules.Choice(F.RejectReason, reason, AccountRequestChoices.RejectReasons, "Choose a reason for rejecting the request.");
        var text = rules.Text(
            F.RejectDetails,
            details,
            L.RejectDetails,
            parsed == RejectReason.Other ? "Explain why the request is rejected: the requester will read this." : null);
        return rules.HasErrors
            ? ValidationResult<Rejection>.Failure(rules.Errors)
            : ValidationResult<Rejection>.Success(new Rejection(parsed!.Value, text));
    }

    /// <summary>The "ask for changes" input: what the requester should change.</summary>
    public static ValidationResult<string> ValidateChangesMessage(string? message)
    {
        var rules = new FieldRules();
        var text = rules.Text(F.ChangesMessage, message, L.ChangesMessage, "Say what the requester should change: they will read this.");
        return text is null ? ValidationResult<string>.Failure(rules.Errors) : ValidationResult<string>.Success(text);
    }

    private static Administrator? SecondAdministrator(FieldRules rules, AccountRequestForm form, Requester requester)
    {
        var objectId = rules.Guid(
            F.SecondAdmin,
            form.SecondAdmin,
            whenMissing: null,
            "Choose the second administrator again: the people picker sent something that is not a person.");
        var email = rules.Email(F.SecondAdminEmail, form.SecondAdminEmail, L.Email, whenMissing: null, SecondAdminEmailInvalid);

        // One of the two is required; the problem goes next to the picker, which the card marks as required.
        if (objectId is null && email is null && !rules.HasError(F.SecondAdmin) && !rules.HasError(F.SecondAdminEmail))
        {
            rules.Fail(F.SecondAdmin, SecondAdminMissing);
        }

        if (objectId is not null && Guid.TryParse(requester.AadObjectId, out var self) && self == Guid.Parse(objectId))
        {
            rules.Fail(F.SecondAdmin, SameAdministrator);
        }

        if (email is not null && string.Equals(email, FieldRules.Clean(requester.Email), StringComparison.OrdinalIgnoreCase))
        {
            rules.Fail(F.SecondAdminEmail, SameAdministrator);
        }

        return objectId is null && email is null ? null : new Administrator(objectId, email);
    }
}
