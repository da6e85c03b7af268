using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// A new account approved before it existed has no link, and only the handle the request proposed. Its administrators
/// add the real link and handle once they open it; the register shows "Link not yet added" until then.
/// </summary>
internal sealed partial record OfficialAccount
{
    public static class LinkActions
    {
        public const string Added = "Link added";
        public const string Reminded = "Link reminder sent";
    }

    /// <summary>In the register without a link: a new account whose administrators have not added it yet.</summary>
    public bool LinkMissing => Url is null && IsInRegister && Status is not (OfficialAccountStatus.Closing or OfficialAccountStatus.Closed);

    /// <summary>An administrator adds the account's link and its handle as the platform shows it.</summary>
    public AccountTransition AddLink(Actor by, Uri link, string handle, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(link);
        if (!IsAdministrator(by.AadObjectId))
        {
            return AccountTransition.Refused("Only this account's administrators can add its link.");
        }

        if (!LinkMissing)
        {
            return AccountTransition.Refused(Url is { } url
                ? $"{SourceReference} already has its link: {url.OriginalString}. Nothing has changed."
                : $"{SourceReference} is {OfficialAccountStatuses.Text(Status).ToLowerInvariant()}: its link can no longer be added.");
        }

        return AccountTransition.To(this with
        {
            Url = link,
            Handle = handle,
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, LinkActions.Added, $"{handle}, {link.OriginalString}")],
        });
    }

    /// <summary>The reminder to add the link, noted once; refused when the link was added meanwhile.</summary>
    public AccountTransition NoteLinkReminder(DateTimeOffset now) =>
        !LinkMissing || History.Any(entry => entry.Action == LinkActions.Reminded)
            ? AccountTransition.Refused($"{SourceReference} does not wait for its link.")
            : AccountTransition.To(this with { History = [.. History, System(now, LinkActions.Reminded, "to the requester")] });
}
