namespace TeamsPolicyBot.Storage;

/// <summary>
/// The bot's tables. One lowercase spelling each: Azurite treats table names as only partly
/// case-insensitive, so a second spelling could silently address a different table.
/// </summary>
public static class TableNames
{
    public const string ConversationReferences = "conversationreferences";
    public const string Outbox = "outbox";
    public const string AccountRequests = "accountrequests";
    public const string Counters = "counters";
    public const string MyRequests = "myrequests";
    public const string OfficialAccounts = "officialaccounts";
    public const string Reminders = "reminders";
    public const string Incidents = "incidents";

    /// <summary>Harassment support referrals: their own table, apart from every other record (issue 5).</summary>
    public const string SupportReferrals = "supportreferrals";

    /// <summary>The retention sweep's lease (one instance at a time, the next run's time) and its audit rows.</summary>
    public const string Retention = "retention";

    public static IReadOnlyList<string> All { get; } = [ConversationReferences, Outbox, AccountRequests, Counters, MyRequests, OfficialAccounts, Reminders, Incidents, SupportReferrals, Retention];
}
