namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>The verbs of the register's commands and the yearly audit's cards, typed or sent by buttons (see cards/official-accounts/).</summary>
internal static class OfficialAccountVerbs
{
    public const string List = "accounts.list";
    public const string Audits = "accounts.audits";
    public const string Mine = "accounts.mine";

    /// <summary>"register account": the form for an existing account; its submission and the Comms card's two decisions.</summary>
    public const string Register = "accounts.register";
    public const string SubmitRegistration = "accountRegistration.submit";
    public const string AddRegistration = "accountRegistration.add";
    public const string NotOfficial = "accountRegistration.notOfficial";

    /// <summary>Comms closes an account from the register listing (a reason is required).</summary>
    public const string Close = "accounts.close";

    public const string CompleteAudit = "accountAudit.complete";
    public const string RefreshAudit = "accountAudit.refresh";
    public const string Continue = "accountAudit.continue";
    public const string AskForChanges = "accountAudit.askForChanges";
    public const string CloseAfterAudit = "accountAudit.close";
    public const string ConfirmClosed = "accountClosing.confirm";
    public const string RefreshClosing = "accountClosing.refresh";

    public const string AddAdministrator = "accountAdmins.add";
    public const string RemoveAdministrator = "accountAdmins.remove";
    public const string AdministratorLeft = "accountAdmins.left";
    public const string AcceptAdministrator = "accountAdmins.accept";
    public const string DeclineAdministrator = "accountAdmins.decline";
    public const string ConfirmPasswords = "accountAdmins.passwordsChanged";
}
