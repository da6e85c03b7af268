using System.Globalization;
using System.Text;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workspace;

internal sealed record RegisterRow(
    string Reference,
    string Platform,
    string Handle,
    string? Url,
    string UnitType,
    string Unit,
    string Status,
    IReadOnlyList<string> Administrators,
    string NextAuditDue,
    string ApprovedOn,
    string ApprovedBy);

internal sealed record FilterChoice(string Value, string Title);

internal sealed record RegisterFilterChoices(
    IReadOnlyList<FilterChoice> Statuses,
    IReadOnlyList<FilterChoice> Platforms,
    IReadOnlyList<FilterChoice> Units,
    IReadOnlyList<FilterChoice> Administrators);

internal sealed record RegisterPage(int Page, int PageSize, int Total, IReadOnlyList<RegisterRow> Rows, RegisterFilterChoices Filters);

/// <summary>
/// The register in the workspace (Comms approvers only): a page of it as JSON, or all of it as CSV, through the same
/// search and order as the register cards (<see cref="RegisterPages.MatchingAsync"/>).
/// </summary>
internal sealed class WorkspaceRegister(RegisterPages pages, IOfficialAccounts accounts)
{
    public const int PageSize = 25;

    public static RegisterQuery QueryFrom(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RegisterQuery.From(query["status"], query["platform"], query["search"]) with
        {
            Unit = NullIfEmpty(query["unit"]),
            Administrator = NullIfEmpty(query["administrator"]),
        };
    }

    public async Task<RegisterPage> PageAsync(RegisterQuery query, int page, CancellationToken cancellationToken)
    {
        var matching = await pages.MatchingAsync(RegisterList.Accounts, query, cancellationToken);
        var last = Math.Max(0, (matching.Count - 1) / PageSize);
        var shown = Math.Clamp(page, 0, last);
        var rows = matching.Skip(shown * PageSize).Take(PageSize).Select(item => Row(item.Account, item.Status)).ToList();
        return new RegisterPage(shown, PageSize, matching.Count, rows, await FiltersAsync(cancellationToken));
    }

    public async Task<string> CsvAsync(RegisterQuery query, CancellationToken cancellationToken)
    {
        var matching = await pages.MatchingAsync(RegisterList.Accounts, query, cancellationToken);
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, ["Reference", "Platform", "Handle", "Address", "Unit type", "Unit", "Status", "Administrators", "Next audit due", "Approved on", "Approved by"]);
        foreach (var (account, status) in matching)
        {
            var row = Row(account, status);
            Csv.AppendRecord(csv, [row.Reference, row.Platform, row.Handle, row.Url ?? "", row.UnitType, row.Unit, row.Status, string.Join("; ", row.Administrators), row.NextAuditDue, row.ApprovedOn, row.ApprovedBy]);
        }

        return csv.ToString();
    }

    /// <summary>The choices for the filters: every status and platform, and the units and administrators the register holds.</summary>
    private async Task<RegisterFilterChoices> FiltersAsync(CancellationToken cancellationToken)
    {
        var all = await accounts.ListAsync(cancellationToken);
        var units = all.Select(account => account.UnitName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)
            .Select(unit => new FilterChoice(unit, unit)).ToList();
        var administrators = all.SelectMany(account => account.Administrators)
            .Where(admin => !string.IsNullOrWhiteSpace(admin.AadObjectId ?? admin.Email))
            .GroupBy(admin => (admin.AadObjectId ?? admin.Email)!, StringComparer.OrdinalIgnoreCase)
            .Select(group => new FilterChoice(group.Key, NameOf(group.First())))
            .OrderBy(choice => choice.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new RegisterFilterChoices(
            [.. Enum.GetValues<OfficialAccountStatus>().Select(status => new FilterChoice(OfficialAccountStatuses.Value(status), OfficialAccountStatuses.Text(status)))],
            [.. SocialPlatforms.Choices.Choices.Select(choice => new FilterChoice(choice.Value, choice.Title))],
            units,
            administrators);
    }

    private static RegisterRow Row(OfficialAccount account, OfficialAccountStatus status) => new(
        account.SourceReference,
        account.PlatformName,
        account.Handle,
        account.Url?.OriginalString,
        AccountRequestChoices.UnitTypes.TitleOf(account.UnitType),
        account.UnitName,
        OfficialAccountStatuses.Text(status),
        [.. account.Administrators.Select(NameOf)],
        Date(account.NextAuditDue),
        Date(account.ApprovedAt),
        account.ApprovedBy.Name);

    private static string NameOf(Administrator admin) =>
        (admin.Name, admin.Email) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } email) => $"{name} <{email}>",
            ({ Length: > 0 } name, _) => name,
            (_, { Length: > 0 } email) => email,
            _ => "an administrator",
        };

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>RFC 4180 CSV that a spreadsheet opens safely.</summary>
internal static class Csv
{
    /// <summary>
    /// One record and its CRLF. A field with a comma, quote or line break is quoted (quotes doubled). A field a spreadsheet
    /// would run as a formula (starting = + - @, or a tab or carriage return before one) gets a leading apostrophe, so a
    /// handle or unit typed into a form cannot run in whoever opens the export.
    /// </summary>
    public static void AppendRecord(StringBuilder csv, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(fields[i]));
        }

        csv.Append("\r\n");
    }

    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
