using System.Text.Json;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;
using F = TeamsPolicyBot.Workflows.OfficialAccounts.AccountRegistrationFields;
using L = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestLimits;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The input ids of cards/official-accounts/register-existing-form.json and of the Comms card's "Not an official account".</summary>
internal static class AccountRegistrationFields
{
    public const string Platform = AccountRequestFields.Platform;
    public const string PlatformOther = AccountRequestFields.PlatformOther;
    public const string Handle = AccountRequestFields.Handle;
    public const string Link = "accountUrl";
    public const string UnitType = AccountRequestFields.UnitType;
    public const string UnitName = AccountRequestFields.UnitName;
    public const string OtherAdmins = "otherAdmins";
    public const string SubmissionId = AccountRequestFields.SubmissionId;
    public const string NotOfficialReason = "notOfficialReason";

    public const int NotOfficialReasonLength = 500;
}

/// <summary>The "register account" form exactly as submitted, unchecked; it goes back into the card when something is wrong.</summary>
internal sealed record AccountRegistrationForm
{
    public string? Platform { get; init; }
    public string? PlatformOther { get; init; }
    public string? Handle { get; init; }
    public string? Link { get; init; }
    public string? UnitType { get; init; }
    public string? UnitName { get; init; }

    /// <summary>The people picker's answer: one Entra object id, or several separated by commas.</summary>
    public string? OtherAdmins { get; init; }

    /// <summary>Generated when the form is drawn; the same id twice is one registration (Teams retries invokes).</summary>
    public string? SubmissionId { get; init; }

    public static AccountRegistrationForm FromJson(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new AccountRegistrationForm();
        }

        string? Read(string name) => FormInputs.Text(value, name);
        return new AccountRegistrationForm
        {
            Platform = Read(F.Platform),
            PlatformOther = Read(F.PlatformOther),
            Handle = Read(F.Handle),
            Link = Read(F.Link),
            UnitType = Read(F.UnitType),
            UnitName = Read(F.UnitName),
            OtherAdmins = Read(F.OtherAdmins),
            SubmissionId = Read(F.SubmissionId),
        };
    }
}

/// <summary>An existing account someone asks Comms to add to the register: checked, nothing typed left unchecked.</summary>
internal sealed record AccountRegistrationDetails(
    SocialPlatform Platform, string PlatformName, string Handle, Uri Link, UnitType UnitType, string UnitName, IReadOnlyList<string> OtherAdminIds);

/// <summary>Every rule of the "register account" form, field by field, in the request form's words where the fields are the same.</summary>
internal static class AccountRegistrationValidator
{
    public const string OtherAdminMissing =
        "Choose at least one other member of staff in the people picker: every official account needs two people who can post, edit and delete (4.21).";

    public const string OtherAdminNotAPerson = "Choose the other administrators again: the people picker sent something that is not a person.";

    public const string OtherAdminIsYou = "Choose someone other than you: you are already an administrator.";

    public const string LinkInvalid = "This is not a link: enter the account's link in full, starting with https:// (for example https://www.instagram.com/lshtm).";

    /// <summary>At most this many others at once (the picker allows more; more can be added from "my accounts").</summary>
    public const int MaxOtherAdmins = 5;

    public static ValidationResult<AccountRegistrationDetails> Validate(AccountRegistrationForm form, string registrantId)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rules = new FieldRules();
        var (platform, platformOther, handle) = AccountRequestValidator.Account(rules, form.Platform, form.PlatformOther, form.Handle);
        NotOnlyAt(rules, handle);
        var link = Link(rules, form.Link);
        var (unitType, unitName) = AccountRequestValidator.Unit(rules, form.UnitType, form.UnitName);
        var others = OtherAdministrators(rules, form.OtherAdmins, registrantId);
        if (rules.HasErrors)
        {
            return ValidationResult<AccountRegistrationDetails>.Failure(rules.Errors);
        }

        var platformName = SocialPlatforms.NameOf(platform!.Value, platformOther);
        return ValidationResult<AccountRegistrationDetails>.Success(
            new AccountRegistrationDetails(platform!.Value, platformName, handle!, link!, unitType!.Value, unitName!, others));
    }

    /// <summary>The account's link, in full (also the "Add the account's link" form's).</summary>
    public static Uri? Link(FieldRules rules, string? value)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Url(F.Link, value, L.ExistingUrl, "Enter the account's link in full, starting with https://", LinkInvalid);
    }

    /// <summary>A handle that is only "@" normalises to nothing: the index could not tell it from any other.</summary>
    public static void NotOnlyAt(FieldRules rules, string? handle)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (handle is not null && OfficialAccountKeys.NormalHandle(handle).Length == 0)
        {
            rules.Fail(F.Handle, "Enter the account name or handle itself, not only \"@\".");
        }
    }

    private static List<string> OtherAdministrators(FieldRules rules, string? value, string registrantId)
    {
        var parts = (value ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new List<string>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                rules.Fail(F.OtherAdmins, OtherAdminNotAPerson);
                return [];
            }

            if (Guid.TryParse(registrantId, out var self) && self == id)
            {
                rules.Fail(F.OtherAdmins, OtherAdminIsYou);
                return [];
            }

            var text = id.ToString("D");
            if (!ids.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                ids.Add(text);
            }
        }

        if (ids.Count == 0)
        {
            rules.Fail(F.OtherAdmins, OtherAdminMissing);
        }
        else if (ids.Count > MaxOtherAdmins)
        {
            rules.Fail(F.OtherAdmins, $"Choose at most {MaxOtherAdmins} other administrators here; you can add more from \"my accounts\" once the account is in the register.");
        }

        return ids;
    }
}
