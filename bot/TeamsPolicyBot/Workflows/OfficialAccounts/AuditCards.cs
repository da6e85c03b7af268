using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>Binds cards/official-accounts/audit.json: the administrators' yearly audit.</summary>
internal sealed record AuditCard(
    string Reference, int Round, string AccountName, string Unit, string Administrators, bool IsOpen, bool IsCompleted, bool IsElsewhere,
    string CompletedText, string StateText, bool HasChangesAsked, string ChangesAsked, IReadOnlyList<string> RefreshUserIds);

/// <summary>Binds cards/official-accounts/audit-review.json: a completed audit for the Comms team to decide on.</summary>
internal sealed record AuditReviewCard(
    string Reference, int Round, string AccountName, string Unit, string Administrators, bool IsOpen, bool IsDecided, string CompletedText, string StateText,
    IReadOnlyList<AuditFact> Answers, bool HasAdministratorsNote, string AdministratorsNote, bool HasForComms, string ForComms);

internal sealed record AuditFact(string Title, string Value);

/// <summary>Binds cards/official-accounts/closing.json: the administrators are asked to delete or archive the account.</summary>
internal sealed record ClosingCard(
    string Reference, string AccountName, string Unit, string Administrators, string Platform, bool IsClosing, bool IsClosed, string ClosedBy, string StateText,
    string Reason, IReadOnlyList<string> RefreshUserIds);

/// <summary>Draws the audit's cards from the account as it is now. Every text someone typed is escaped.</summary>
internal sealed class AuditCards(CardTemplates templates)
{
    public Attachment Audit(OfficialAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var audit = account.Audit;
        var open = account.Status == OfficialAccountStatus.AuditDue && audit is { Completed: null };
        var completed = audit is { Completed: not null } && account.Status == OfficialAccountStatus.UnderReview;
        var state = open ? "is due"
            : completed ? "is with Comms for review"
            : $"is done. The account is {OfficialAccountStatuses.Text(account.Status).ToLowerInvariant()}";
        var completedText = audit?.Completed is { } done
            ? $"{Markdown.Escape(done.By.Name)} completed it on {CardDates.Date(done.At)}. Comms will review it and tell you if anything needs to change."
            : "";
        return templates.RenderAttachment(OfficialAccountCardNames.Audit, new AuditCard(
            account.SourceReference, account.AuditRound, Name(account), Unit(account), Admins(account), open, completed, !open && !completed,
            completedText, state, open && !string.IsNullOrEmpty(audit?.ChangesAsked), Markdown.Escape(audit?.ChangesAsked ?? ""), account.AdministratorIds));
    }

    public Attachment Review(OfficialAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var audit = account.Audit ?? throw new ArgumentException($"{account.SourceReference} has no audit to review.", nameof(account));
        var answers = audit.Answers;
        var open = account.Status == OfficialAccountStatus.UnderReview;
        var completed = audit.Completed is { } done
            ? $"{Markdown.Escape(done.By.Name)} completed the audit on {CardDates.Date(done.At)}. Only the Comms team can review it."
            : "The administrators have not completed this audit yet.";
        var state = audit.Reviewed is { } reviewed
            ? $"{Markdown.Escape(reviewed.By.Name)} reviewed it on {CardDates.Date(reviewed.At)}: {ReviewText(account)}"
            : $"The account is {OfficialAccountStatuses.Text(account.Status).ToLowerInvariant()}.";
        IReadOnlyList<AuditFact> facts = answers is null ? [] :
        [
            new("Still active", YesNo(answers.StillActive)),
            new("Last post", Markdown.Escape(answers.LastPost)),
            new("Two-factor authentication", answers.TwoFactor == "yes" ? "On" : "**Off**"),
            new("Password changed since anyone left", answers.PasswordsChanged switch { "yes" => "Yes", "nobodyLeft" => "Nobody with access has left", _ => "**No**" }),
            new("Plan, audience and sign-off", answers.PlanStillValid == "yes" ? "Still valid" : "**No longer valid**"),
        ];
        return templates.RenderAttachment(OfficialAccountCardNames.AuditReview, new AuditReviewCard(
            account.SourceReference, audit.Round, Name(account), Unit(account), Admins(account), open, !open, completed, state, facts,
            !string.IsNullOrWhiteSpace(answers?.AdministratorsNote), Markdown.Escape(answers?.AdministratorsNote ?? ""),
            !string.IsNullOrWhiteSpace(answers?.ForComms), Markdown.Escape(answers?.ForComms ?? "")));
    }

    public Attachment Closing(OfficialAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var closedBy = account.History.LastOrDefault(entry => entry.Action == OfficialAccount.Actions.Closing)?.ActorName ?? "The Comms team";
        var closedState = account.ClosedAt is { } at
            ? $"{Markdown.Escape(account.History.LastOrDefault(entry => entry.Action == OfficialAccount.Actions.Closed)?.ActorName ?? "An administrator")} confirmed it was deleted or archived on {CardDates.Date(at)}. It stays in the register, marked closed."
            : $"It is {OfficialAccountStatuses.Text(account.Status).ToLowerInvariant()}.";
        return templates.RenderAttachment(OfficialAccountCardNames.Closing, new ClosingCard(
            account.SourceReference, Name(account), Unit(account), Admins(account), Markdown.Escape(account.PlatformName),
            account.Status == OfficialAccountStatus.Closing, account.Status == OfficialAccountStatus.Closed, Markdown.Escape(closedBy),
            account.Status == OfficialAccountStatus.Closing ? "is closing" : closedState, Markdown.Escape(account.ClosingReason ?? ""), account.AdministratorIds));
    }

    /// <summary>"Instagram · @handle", escaped.</summary>
    public static string Name(OfficialAccount account) => $"{Markdown.Escape(account.PlatformName)} · {Markdown.Escape(account.Handle)}";

    public static string Unit(OfficialAccount account) => $"{Markdown.Escape(account.UnitName)} ({AccountRequestChoices.UnitTypes.TitleOf(account.UnitType)})";

    private static string Admins(OfficialAccount account) => AccountRequestCardText.Administrators(account.Administrators.Select(admin => admin.Name ?? admin.Email));

    private static string YesNo(string answer) => answer == "yes" ? "Yes" : "**No**";

    private static string ReviewText(OfficialAccount account) => account.Audit?.Review switch
    {
        OfficialAccount.Actions.Continued => $"the account continues; next audit {CardDates.Date(account.NextAuditDue)}.",
        OfficialAccount.Actions.ChangesAsked => $"changes asked for: \"{Markdown.Escape(account.Audit.ChangesAsked ?? "")}\"",
        OfficialAccount.Actions.Closing => $"the account is closing: \"{Markdown.Escape(account.ClosingReason ?? "")}\"",
        _ => "done.",
    };
}
