using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Binds cards/official-accounts/register.json: one page of accounts, with the filters (for "accounts") and a "More"
/// button (an Action.Submit of <paramref name="Verb"/> with <paramref name="NextPage"/> and the filters this page used).
/// Every text the accounts' requesters typed is escaped by <see cref="RegisterLine.Of"/>.
/// </summary>
internal sealed record RegisterCard(
    string Heading,
    string CountText,
    string Verb,
    bool ShowFilters,
    RegisterFilters Filters,
    IReadOnlyList<RegisterLine> Items,
    string EmptyText,
    bool HasMore,
    int NextPage)
{
    public bool HasItems => Items.Count > 0;

    /// <summary>"Register an existing account", on "my accounts" only.</summary>
    public bool ShowRegister { get; init; }

    public IReadOnlyList<RegisterChoice> StatusChoices { get; } =
        [.. Enum.GetValues<OfficialAccountStatus>().Where(status => status is not (OfficialAccountStatus.AwaitingComms or OfficialAccountStatus.NotOfficial)).Select(status => new RegisterChoice(OfficialAccountStatuses.Text(status), OfficialAccountStatuses.Value(status)))];

    public IReadOnlyList<RegisterChoice> PlatformChoices { get; } =
        [.. SocialPlatforms.Choices.Choices.Select(choice => new RegisterChoice(choice.Title, choice.Value))];
}

/// <summary>The filters a page was listed with, as the card's inputs send them ("" for any).</summary>
internal sealed record RegisterFilters(string Status, string Platform, string Search)
{
    public static RegisterFilters Of(RegisterQuery query) => new(
        query.Status is { } status ? OfficialAccountStatuses.Value(status) : "",
        query.Platform is { } platform ? SocialPlatforms.Choices.ValueOf(platform) : "",
        query.Search);
}

internal sealed record RegisterChoice(string Title, string Value);

/// <summary>
/// One account on the card: "Instagram · @handle" (a link when the register has one), its unit, administrators, status and
/// next audit; on the Comms team's listing, a "Close this account" button while it is not closing or closed.
/// </summary>
internal sealed record RegisterLine(string Title, string Unit, string Administrators, string StatusText, string NextAudit, string Reference, bool CanClose)
{
    /// <summary>Add an administrator and Remove (and, for Comms, Left the university): shown while the account is not closing or closed.</summary>
    public bool CanManage { get; init; }

    public IReadOnlyList<RegisterAdmin> AdminRows { get; init; } = [];

    public bool HasInvited => !string.IsNullOrEmpty(Invited);

    /// <summary>A new account whose administrators have not added its link yet: "Link not yet added".</summary>
    public bool LinkMissing { get; init; }

    /// <summary>"Asked, not yet accepted: Grace Hopper", escaped.</summary>
    public string Invited { get; init; } = "";

    public IReadOnlyList<RegisterChoice> ReplaceChoices => [.. AdminRows.Select(admin => new RegisterChoice(admin.Name, admin.Id))];

    public static RegisterLine Of(OfficialAccount account, OfficialAccountStatus statusNow, bool commsListing = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        var shownHandle = account.Url is { } url ? Markdown.Link(url, account.Handle) : Markdown.Escape(account.Handle);
        var unitType = AccountRequestChoices.UnitTypes.TitleOf(account.UnitType);
        return new(
            $"{Markdown.Escape(account.PlatformName)} · {shownHandle}",
            $"{Markdown.Escape(account.UnitName)} ({unitType})",
            AccountRequestCardText.Administrators(account.Administrators.Select(admin => admin.Name ?? admin.Email)),
            OfficialAccountStatuses.Text(statusNow),
            CardDates.Date(account.NextAuditDue),
            account.SourceReference,
            commsListing && statusNow is not (OfficialAccountStatus.Closing or OfficialAccountStatus.Closed))
        {
            LinkMissing = account.LinkMissing,
            CanManage = statusNow is not (OfficialAccountStatus.Closing or OfficialAccountStatus.Closed),
            AdminRows = [.. account.Administrators.Where(admin => !string.IsNullOrEmpty(admin.AadObjectId))
                .Select(admin => new RegisterAdmin(Markdown.Escape(OfficialAccount.NameOf(admin)), admin.AadObjectId!, account.SourceReference, commsListing))],
            Invited = account.Invitations.Count == 0 ? "" : AccountRequestCardText.Administrators(account.Invitations.Select(invite => OfficialAccount.NameOf(invite.Person))),
        };
    }
}

/// <summary>One administrator on a register line: Remove, and for Comms "Left the university". Carries its account's reference for its buttons.</summary>
internal sealed record RegisterAdmin(string Name, string Id, string Reference, bool CanMarkLeft);
