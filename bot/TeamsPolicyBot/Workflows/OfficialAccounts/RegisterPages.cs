using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>What a register card lists: the whole register (filtered), the audits due, or one person's accounts.</summary>
internal enum RegisterList
{
    Accounts,
    Audits,
    Mine,
}

/// <summary>
/// Reads the register and draws a page of it. The register is hundreds of rows, read whole and filtered here: the
/// search words match names and units, which Table Storage cannot query. A page is an offset into the sorted, filtered
/// list, carried by the "More" button with the filters it was drawn with.
/// </summary>
internal sealed class RegisterPages(
    IOfficialAccounts accounts,
    ConfiguredPeople people,
    Visibility visibility,
    CardTemplates templates,
    IOptions<AccountsOptions> options,
    TimeProvider time)
{
    /// <summary>Anyone who is not a Comms approver, wherever they ask: nothing of the register.</summary>
    public const string CommsOnly = "Only the Comms team can see the register of official accounts.";

    public const string WhereToAsk = "The register is shown in the Comms channel or in your personal chat with me: ask there.";

    /// <summary>"My accounts" lists at most this many (nobody runs more; the card stays well under Teams' size limit).</summary>
    public const int MaxMine = 50;

    /// <summary>
    /// The page asked for, or a refusal: Comms approvers only, and only in the Comms channel or their personal chat
    /// (a group chat or another channel would show the register to people who may not see it).
    /// </summary>
    public async Task AnswerAsync(ITurnContext turn, RegisterList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        if (!people.IsCommsApprover(activity.From?.AadObjectId))
        {
            await turn.SendAsync(Activity.CreateMessage(CommsOnly), cancellationToken);
            return;
        }

        if (!activity.IsInPersonalChat() && !visibility.ViewerOf(turn).InCommsChannel)
        {
            await turn.SendAsync(Activity.CreateMessage(WhereToAsk), cancellationToken);
            return;
        }

        var (query, page) = Asked(activity, list);
        await turn.SendAsync(Message(await PageAsync(list, query, page, cancellationToken)), cancellationToken);
    }

    /// <summary>The accounts <paramref name="aadObjectId"/> administers, soonest audit first.</summary>
    public async Task<Attachment> MineAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = (await accounts.ListAsync(cancellationToken))
            .Where(account => account.IsInRegister && account.Administrators.Any(admin => ObjectIds.Same(admin.AadObjectId, aadObjectId)) && !string.IsNullOrEmpty(aadObjectId))
            .OrderBy(account => account.NextAuditDue)
            .ToList();
        var lines = mine.Take(MaxMine).Select(account => RegisterLine.Of(account, StatusOf(account, now))).ToList();
        var count = mine.Count switch
        {
            0 => "You are not an administrator of any official account in the register.",
            1 => "You are an administrator of this official account. Its next audit date is below.",
            _ => string.Create(CultureInfo.InvariantCulture, $"You are an administrator of these {mine.Count} official accounts, soonest audit first."),
        };
        var card = new RegisterCard("My official accounts", count, OfficialAccountVerbs.Mine, ShowFilters: false, RegisterFilters.Of(RegisterQuery.All), lines,
            "If you run an account for the university that is not here, register it below, or message me \"request account\" for a new one.", HasMore: false, NextPage: 0)
        {
            ShowRegister = true,
        };
        return templates.RenderAttachment(OfficialAccountCardNames.Register, card);
    }

    /// <summary>One page of the accounts <paramref name="query"/> matches, in <paramref name="list"/>'s order.</summary>
    internal async Task<RegisterCard> PageAsync(RegisterList list, RegisterQuery query, int page, CancellationToken cancellationToken)
    {
        var size = options.Value.PageSize;
        var matching = await MatchingAsync(list, query, cancellationToken);
        var start = Math.Clamp(page, 0, Math.Max(0, (matching.Count - 1) / size)) * size;
        var lines = matching.Skip(start).Take(size).Select(item => RegisterLine.Of(item.Account, item.Status, commsListing: true)).ToList();
        var hasMore = start + lines.Count < matching.Count;
        var range = lines.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{start + 1} to {start + lines.Count} of {matching.Count}");
        return list == RegisterList.Audits
            ? new RegisterCard(
                "Audits due",
                lines.Count == 0 ? "No audits are due." : $"Accounts {range} whose audit is due or overdue, oldest first.",
                OfficialAccountVerbs.Audits, ShowFilters: false, RegisterFilters.Of(query), lines, "Every account in the register has been audited in the last year.", hasMore, start / size + 1)
            : new RegisterCard(
                "Official accounts",
                (lines.Count == 0 ? "No accounts to show." : $"Accounts {range}, by unit.") + query.Description(),
                OfficialAccountVerbs.List, ShowFilters: true, RegisterFilters.Of(query), lines,
                query is { Status: null, Platform: null, Words.Count: 0 }
                    ? "The register is empty: approved account requests are added to it."
                    : "No official accounts match. Try fewer words or another status or platform.",
                hasMore, start / size + 1);
    }

    /// <summary>
    /// Every account <paramref name="query"/> matches with its status now, in <paramref name="list"/>'s order: the one
    /// register search, for the cards and the workspace (its page and its CSV export) alike.
    /// </summary>
    internal async Task<IReadOnlyList<(OfficialAccount Account, OfficialAccountStatus Status)>> MatchingAsync(RegisterList list, RegisterQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var matching = (await accounts.ListAsync(cancellationToken))
            .Where(account => account.IsInRegister)
            .Select(account => (Account: account, Status: StatusOf(account, now)))
            .Where(item => query.Matches(item.Account, item.Status)
                // "audits" also lists accounts short of an administrator: Comms follows those up too.
                || (list == RegisterList.Audits && item.Status == OfficialAccountStatus.NeedsAdministrator && (query with { Status = null }).Matches(item.Account, item.Status)));
        return list == RegisterList.Audits
            ? [.. matching.OrderBy(item => item.Account.NextAuditDue)]
            : [.. matching.OrderBy(item => item.Account.UnitName, StringComparer.OrdinalIgnoreCase).ThenBy(item => item.Account.PlatformName, StringComparer.OrdinalIgnoreCase).ThenBy(item => item.Account.Handle, StringComparer.OrdinalIgnoreCase)];
    }

    private OfficialAccountStatus StatusOf(OfficialAccount account, DateTimeOffset now) => account.StatusAt(now, options.Value.AuditDueWithin);

    /// <summary>What was asked: a button's filters and page, or the words typed after "accounts".</summary>
    private static (RegisterQuery Query, int Page) Asked(Activity activity, RegisterList list)
    {
        RegisterQuery query;
        var page = 0;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            query = RegisterQuery.From(Text(value, "registerStatus"), Text(value, "registerPlatform"), Text(value, "registerSearch"));
            page = value.TryGetProperty("page", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? Math.Max(0, n)
                : int.TryParse(Text(value, "page"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }
        else
        {
            // "accounts instagram malaria": everything after the first word is the search.
            var text = activity.TextWithoutRecipientMention().Trim();
            var firstSpace = text.IndexOfAny([' ', '\t', '\n']);
            query = RegisterQuery.From(null, null, firstSpace < 0 ? null : text[(firstSpace + 1)..]);
        }

        return list == RegisterList.Audits ? (query with { Status = OfficialAccountStatus.AuditDue }, page) : (query, page);
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private Activity Message(RegisterCard card)
    {
        var message = Activity.CreateMessage(attachments: templates.RenderAttachment(OfficialAccountCardNames.Register, card));
        message.Summary = $"{card.Heading}: {card.CountText}";
        return message;
    }
}
