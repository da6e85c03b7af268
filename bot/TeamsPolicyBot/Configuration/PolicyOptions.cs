using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>Where the social media policy is read (<c>Policy</c> section).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>
    /// The policy's own page (e.g. on the intranet), which clause numbers on cards link to as <c>{Url}#clause-4-18</c>.
    /// Optional: when not set they link to the copy the bot serves at <c>/policy</c> (<see cref="BotSiteOptions.PublicBaseUrl"/>).
    /// </summary>
    [AbsoluteHttpsUrl]
    public string? Url { get; set; }
}

/// <summary>The bot's own web address (<c>Bot</c> section, beside the protocol's <c>Bot:AllowedTenantIds</c>).</summary>
public sealed class BotSiteOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// Where people reach the bot's web app, e.g. https://smd-bot.azurewebsites.net: the base of the /policy page's address.
    /// Optional: with neither it nor <see cref="PolicyOptions.Url"/>, cards show clause numbers as plain text.
    /// </summary>
    [AbsoluteHttpsUrl]
    public string? PublicBaseUrl { get; set; }
}

/// <summary>An absolute https URL, or nothing (the setting is optional); people open it from Teams, so never plain http.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpsUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || text.Length == 0)
        {
            return ValidationResult.Success;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Fragment.Length == 0
            ? ValidationResult.Success
            : new ValidationResult($"{EntraObjectIdsAttribute.SettingName(validationContext)} must be an absolute https address without a #fragment, such as https://www.lshtm.ac.uk/social-media-policy; it is \"{text}\".", [validationContext.MemberName!]);
    }
}
