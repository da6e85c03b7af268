using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>One place to get support now: <c>Support:Resources:n:Name</c>, <c>:Description</c>, <c>:Contact</c>.</summary>
public sealed class SupportResource
{
    [Required(ErrorMessage = "Each Support:Resources entry needs a Name.")]
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>How to reach it: a phone number, an address, or a web link (shown as written).</summary>
    public string Contact { get; set; } = "";

    /// <summary>Shown first to someone who feels unsafe now (the police, campus security).</summary>
    public bool Emergency { get; set; }
}

/// <summary>
/// What the harassment support cards tell people (<c>Support</c> section, beside <c>CaseHandlerIds</c>): the support
/// shown on the warm card, the emergency number, when to expect a reply, and the line manager's contacts. When
/// <c>Support:Resources</c> is not configured, <see cref="Defaults"/> are shown.
/// </summary>
public sealed class SupportResourcesOptions : IValidatableObject
{
    public const string Section = "Support";

    /// <summary>Where "{EmergencyNumber}" in <see cref="ReplyExpectation"/> is replaced by <see cref="EmergencyNumber"/>.</summary>
    public const string EmergencyNumberPlaceholder = "{EmergencyNumber}";

    /// <summary>Each entry is checked too (a missing name stops the start), which reflection-based validation never did.</summary>
    [ValidateEnumeratedItems]
    public IList<SupportResource> Resources { get; set; } = [];

    /// <summary>The number every support card gives for someone in danger now (the UK's 999 unless set).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Support:EmergencyNumber must not be empty: it is the number the support cards give to someone in danger, such as 999.")]
    public string EmergencyNumber { get; set; } = "999";

    /// <summary>When the person can expect a case handler to reply, shown on the support card and the "request sent" card.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Support:ReplyExpectation must not be empty: it tells the person when a case handler will reply.")]
    public string ReplyExpectation { get; set; } =
        "A case handler usually replies within one working day. Out of hours, use the support below or, if you are in danger, call {EmergencyNumber}.";

    /// <summary>Where a line manager can write to the case handlers before one has taken the case; optional.</summary>
    [EmailAddress(ErrorMessage = "Support:ContactEmail must be an email address, such as comms-support@lshtm.ac.uk.")]
    public string? ContactEmail { get; set; }

    /// <summary>The dignity at work policy, linked from the line manager's notice; optional, an absolute https address when set.</summary>
    public string? DignityPolicyUrl { get; set; }

    /// <summary><see cref="ReplyExpectation"/> with the emergency number in it.</summary>
    public string ReplyExpectationText => ReplyExpectation.Replace(EmergencyNumberPlaceholder, EmergencyNumber, StringComparison.Ordinal);

    // Computed from Resources (checked above) or the defaults: nothing of its own to validate.
#pragma warning disable SYSLIB1213
    public IReadOnlyList<SupportResource> Effective => Resources.Count > 0 ? Resources.ToList() : DefaultsFor(EmergencyNumber);
#pragma warning restore SYSLIB1213

    public static IReadOnlyList<SupportResource> Defaults => DefaultsFor("999");

    /// <summary>The support shown when none is configured, with the configured emergency number for the police.</summary>
    public static IReadOnlyList<SupportResource> DefaultsFor(string emergencyNumber) =>
    [
        new() { Name = $"Police: {emergencyNumber}", Description = "If you are in danger or feel physically unsafe right now.", Contact = $"Call {emergencyNumber}. When it is not an emergency, call 101 or report online.", Emergency = true },
        new() { Name = "Campus security", Description = "If you feel unsafe on campus, or someone has turned up in person.", Contact = "The security desk at any university entrance, day or night", Emergency = true },
        new() { Name = "Employee assistance programme", Description = "Free, confidential counselling and advice, any time of day.", Contact = "The number is on the staff intranet's wellbeing page", Emergency = false },
        new() { Name = "Staff wellbeing service", Description = "Someone at the university to talk to, and wellbeing support.", Contact = "Human Resources, through the staff intranet", Emergency = false },
        new() { Name = "Reporting to the platform", Description = "Every platform has a Report option on the post or profile (X, LinkedIn, Instagram, Facebook, TikTok, YouTube, Bluesky). Comms can help you report it.", Contact = "Use Report on the post or profile", Emergency = false },
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A link a manager follows from their notice must be a whole https address: a typo shows at start-up, not as a broken link.
        if (!string.IsNullOrWhiteSpace(DignityPolicyUrl)
            && !(Uri.TryCreate(DignityPolicyUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                "Support:DignityPolicyUrl must be a whole https address, such as https://www.lshtm.ac.uk/dignity-at-work.",
                [nameof(DignityPolicyUrl)]);
        }
    }
}
