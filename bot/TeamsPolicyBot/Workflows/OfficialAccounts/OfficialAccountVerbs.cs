namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The verbs of the register's commands, typed or sent by its cards' buttons (see cards/official-accounts/).</summary>
internal static class OfficialAccountVerbs
{
    public const string List = "accounts.list";
    public const string Audits = "accounts.audits";
    public const string Mine = "accounts.mine";
}
