using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns.MessageExtensions;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// "Find an official account" (a search command in the compose box and the command box): is this account really the
/// university's? Anyone may ask, and the answer may be pasted into any chat, so a result shows only what the account
/// shows the world (platform, handle, link, unit) and whether it is official; never its administrators, and they are
/// not searched either (a person's name must not reveal which accounts they run).
/// </summary>
internal sealed class FindOfficialAccountCommand(
    IOfficialAccounts accounts,
    CardTemplates templates,
    IOptions<AccountsOptions> options,
    TimeProvider time) : IMessageExtensionCommand
{
    public const string Id = "findOfficialAccount";

    /// <summary>The manifest's one parameter.</summary>
    public const string Parameter = "account";

    /// <summary>Teams shows up to 25 results a page.</summary>
    private const int PageSize = 25;

    public const string Hint = "Type an account's name or handle, for example @LSHTM or Malaria Centre, to check whether it is an official university account.";

    public const string OfficialStatus = "Status: Official account of the university";

    public string CommandId => Id;

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var query = MessageExtensionQuery.From(turn.Activity);
        var search = query?.Parameter(Parameter)?.Trim() ?? "";
        var words = RegisterQuery.From(null, null, search).Words;
        if (words.Count == 0)
        {
            return InvokeResponse.ComposeExtension(ComposeExtensionResponse.Message(Hint));
        }

        var now = time.GetUtcNow();
        var found = (await accounts.ListAsync(cancellationToken))
            .Select(account => (Account: account, Status: account.StatusAt(now, options.Value.AuditDueWithin)))
            .Where(entry => Shown(entry.Status) && Matches(entry.Account, words))
            .OrderBy(entry => entry.Status == OfficialAccountStatus.Closed)
            .ThenBy(entry => entry.Account.PlatformName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(entry => entry.Account.Handle, StringComparer.OrdinalIgnoreCase)
            .Skip(Math.Max(0, query?.QueryOptions?.Skip ?? 0))
            .Take(Math.Clamp(query?.QueryOptions?.Count ?? PageSize, 1, PageSize))
            .ToList();
        if (found.Count == 0)
        {
            var shown = search.Length > RegisterQuery.MaxSearchLength ? search[..RegisterQuery.MaxSearchLength] + "…" : search;
            return InvokeResponse.ComposeExtension(ComposeExtensionResponse.Message(
                $"No official university account matches \"{shown}\". If an account claims to be the university's, report it to Comms: message the Social Media Desk \"report incident\"."));
        }

        return InvokeResponse.ComposeExtension(ComposeExtensionResponse.Results(found.Select(entry => Result(entry.Account, entry.Status))));
    }

    /// <summary>Official now (audits included: the account stays official while it is checked), or closed, said as closed.</summary>
    private static bool Shown(OfficialAccountStatus status) =>
        status is OfficialAccountStatus.Active or OfficialAccountStatus.AuditDue or OfficialAccountStatus.UnderReview or OfficialAccountStatus.Closed;

    private static bool Matches(OfficialAccount account, IReadOnlyList<string> words)
    {
        var haystack = string.Join('\n', account.PlatformName, account.Handle, account.UnitName).ToLowerInvariant();
        return words.All(word => haystack.Contains(word, StringComparison.Ordinal));
    }

    private ComposeExtensionAttachment Result(OfficialAccount account, OfficialAccountStatus status)
    {
        var isOfficial = status != OfficialAccountStatus.Closed;
        var statusText = isOfficial
            ? OfficialStatus
            : $"Status: Closed{(account.ClosedAt is { } closed ? " on " + CardDates.Date(closed) : "")}. No longer an official account of the university.";
        var card = templates.RenderAttachment(OfficialAccountCardNames.SearchResult, new SearchResultCard(
            AuditCards.Name(account),
            Markdown.Escape(account.PlatformName),
            Markdown.Escape(account.Handle),
            account.Url is { } url ? Markdown.Link(url) : "",
            AuditCards.Unit(account),
            isOfficial,
            statusText));

        // The list shows plain text: the preview is not Markdown.
        var preview = new ThumbnailCard
        {
            Title = $"{account.PlatformName} · {account.Handle}",
            Subtitle = account.UnitName,
            Text = statusText,
        };
        return new ComposeExtensionAttachment { ContentType = card.ContentType, Content = card.Content, Preview = preview.ToAttachment() };
    }
}

/// <summary>Binds cards/official-accounts/search-result.json. Every text is escaped.</summary>
internal sealed record SearchResultCard(string Name, string Platform, string Handle, string Link, string Unit, bool IsOfficial, string StatusText);
