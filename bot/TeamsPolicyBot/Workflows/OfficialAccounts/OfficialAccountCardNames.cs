using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The register's and the yearly audit's cards (cards/official-accounts/).</summary>
[CardTemplateNames]
internal static class OfficialAccountCardNames
{
    /// <summary>A page of the register: "accounts" (with filters), "audits" and "my accounts".</summary>
    public const string Register = "official-accounts/register";

    /// <summary>The yearly audit, in each administrator's personal chat: the questions, or who completed it.</summary>
    public const string Audit = "official-accounts/audit";

    /// <summary>A completed audit in the Comms channel: the answers, and Continue, Ask for changes or Close the account.</summary>
    public const string AuditReview = "official-accounts/audit-review";

    /// <summary>To each administrator of an account Comms closed: delete or archive it, then confirm.</summary>
    public const string Closing = "official-accounts/closing";

    /// <summary>To someone asked to become an administrator: what it means (policy 4.21), Accept or Decline.</summary>
    public const string AdminInvitation = "official-accounts/admin-invitation";

    /// <summary>To the remaining administrators when one left the university: nominate a new one, confirm the passwords were changed.</summary>
    public const string AdminLeft = "official-accounts/admin-left";

    /// <summary>"register account": the short form for an existing account (platform, handle, link, unit, other administrators).</summary>
    public const string RegisterExistingForm = "official-accounts/register-existing-form";

    /// <summary>A registered existing account in the Comms channel: Add to register or Not an official account; to the registrant, where it stands.</summary>
    public const string Registration = "official-accounts/registration";

    /// <summary>One account found by the "Find an official account" search, for a person to insert into a chat.</summary>
    public const string SearchResult = "official-accounts/search-result";
}
