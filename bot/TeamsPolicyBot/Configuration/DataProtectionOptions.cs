using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// How people learn what the bot keeps about them and how to ask for it (<c>DataProtection</c> section; policy 5.4,
/// UK GDPR articles 13, 15 and 17). Both optional: without them the notice still says who sees what and how long it is
/// kept, and points people to the university's data protection officer by role.
/// </summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>The university's full privacy notice for staff, linked from the short notice on forms and the "my data" card.</summary>
    [AbsoluteHttpsUrl]
    public string? PrivacyNoticeUrl { get; set; }

    /// <summary>
    /// Where people write to ask for a copy of their data or its erasure, e.g. dpo@lshtm.ac.uk. Optional: empty says
    /// "the university's data protection officer", which every member of staff can find, rather than a made-up address.
    /// </summary>
    [EmailAddress(ErrorMessage = "DataProtection:ContactEmail must be an email address, such as dpo@lshtm.ac.uk, or empty.")]
    public string? ContactEmail { get; set; }
}
