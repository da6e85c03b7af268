using System.ComponentModel.DataAnnotations;

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
/// The support shown on the warm support card (<c>Support</c> section, beside <c>CaseHandlerIds</c>). When
/// <c>Support:Resources</c> is not configured, <see cref="Defaults"/> are shown.
/// </summary>
public sealed class SupportResourcesOptions
{
    public const string Section = "Support";

    public IList<SupportResource> Resources { get; set; } = [];

    public IReadOnlyList<SupportResource> Effective => Resources.Count > 0 ? Resources.ToList() : Defaults;

    public static IReadOnlyList<SupportResource> Defaults { get; } =
    [
        new() { Name = "Police: 999", Description = "If you are in danger or feel physically unsafe right now.", Contact = "Call 999. When it is not an emergency, call 101 or report online.", Emergency = true },
        new() { Name = "Campus security", Description = "If you feel unsafe on campus, or someone has turned up in person.", Contact = "The security desk at any university entrance, day or night", Emergency = true },
        new() { Name = "Employee assistance programme", Description = "Free, confidential counselling and advice, any time of day.", Contact = "The number is on the staff intranet's wellbeing page", Emergency = false },
        new() { Name = "Staff wellbeing service", Description = "Someone at the university to talk to, and wellbeing support.", Contact = "Human Resources, through the staff intranet", Emergency = false },
        new() { Name = "Reporting to the platform", Description = "Every platform has a Report option on the post or profile (X, LinkedIn, Instagram, Facebook, TikTok, YouTube, Bluesky). Comms can help you report it.", Contact = "Use Report on the post or profile", Emergency = false },
    ];
}
