using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The register's cards (cards/official-accounts/).</summary>
[CardTemplateNames]
internal static class OfficialAccountCardNames
{
    /// <summary>A page of the register: "accounts" (with filters), "audits" and "my accounts".</summary>
    public const string Register = "official-accounts/register";
}
