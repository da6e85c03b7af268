using Microsoft.Extensions.Options;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// "Add the account's link" on the approval notice of a new account: its administrators give the link and the handle
/// once the account exists. Checked field by field; a handle another account in the register has is refused, naming it.
/// </summary>
internal sealed class AccountLinks(IOfficialAccounts accounts, TimeProvider time) : ICardActionHandler
{
    public const string Verb = "accountLink.add";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The requester's own notice: answered in words, to the account's administrators only.
        [Verb] = new(RecordKind.OfficialAccount, RecordViews.Starter),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var actor = turn.Actor();
        var reference = action.GetString("reference") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(reference) || await accounts.GetAsync(reference, cancellationToken) is not { } account || !account.IsAdministrator(actor.AadObjectId))
        {
            return InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
        }

        var rules = new FieldRules();
        var link = AccountRegistrationValidator.Link(rules, action.GetString(AccountRegistrationFields.Link));
        var handle = rules.Text(AccountRequestFields.Handle, action.GetString(AccountRequestFields.Handle), AccountRequestLimits.Handle,
            "Enter the account name or handle, for example @lshtm_malaria.");
        AccountRegistrationValidator.NotOnlyAt(rules, handle);

        if (rules.HasErrors)
        {
            return InvokeResponse.Message($"Nothing was saved. {string.Join(" ", rules.Errors.Values)}");
        }

        if (await accounts.FindByHandleAsync(account.Platform, account.PlatformName, handle!, cancellationToken) is { } taken && taken.SourceReference != reference)
        {
            return InvokeResponse.Message($"Nothing was saved. The register already has {taken.PlatformName} {taken.Handle}, for {taken.UnitName} ({taken.SourceReference}). Check the handle, or ask Comms.");
        }

        var outcome = await accounts.ApplyAsync(reference, a => a.AddLink(actor, link!, handle!, time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } changed)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await accounts.IndexHandleAsync(changed, account.HandleKey, cancellationToken);
        return InvokeResponse.Message($"Thank you. The register now links to {changed.PlatformName} {changed.Handle} ({reference}).");
    }
}

/// <summary>
/// <c>Accounts:LinkReminderAfter</c> after a new account was approved without a link: its requester is reminded once.
/// A durable reminder (fires once whichever instance sees it, survives restarts); the account's ETag-conditional history
/// line makes the message go once, and none when the link was added in time.
/// </summary>
internal sealed partial class LinkReminder(
    IOfficialAccounts accounts,
    IReminders reminders,
    IProactiveMessenger messenger,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<LinkReminder> logger) : IReminderHandler
{
    public static readonly ReminderKind Link = new("account", "link");

    public ReminderKind Kind => Link;

    /// <summary>On approval of a new account with no link: the reminder, <c>Accounts:LinkReminderAfter</c> later (an existing key is left alone).</summary>
    public Task<bool> ScheduleAsync(OfficialAccount account, DateTimeOffset approvedAt, CancellationToken cancellationToken) =>
        account.LinkMissing
            ? reminders.ScheduleAsync(Link.For(account.SourceReference), approvedAt + options.Value.LinkReminderAfter, cancellationToken)
            : Task.FromResult(false);

    public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var outcome = await accounts.ApplyAsync(key.Reference, account => account.NoteLinkReminder(time.GetUtcNow()), cancellationToken);

        // Noted now, or noted by an instance that died before queuing (the key below keeps it to one message).
        var account = outcome.Changed ?? (outcome.Current is { LinkMissing: true } current && current.History.Any(entry => entry.Action == OfficialAccount.LinkActions.Reminded) ? current : null);
        if (account is not { Administrators: [{ AadObjectId: var first }, ..] } || first is not { Length: > 0 } requester)
        {
            return;
        }

        var text = $"Has {account!.PlatformName} {account.Handle} ({account.SourceReference}) been opened yet? Once it exists, add its link and handle " +
            "with \"Add the account's link\" on the approval message above, so the register shows where to find it (4.1).";
        var reach = await messenger.SendToPersonAsync(requester, Activity.CreateMessage(text), tag: null, cancellationToken, $"account/{account.SourceReference}/link-reminder");
        if (!reach.IsQueued)
        {
            LogUnreachable(logger, account.SourceReference, reach.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remind the requester of {Reference} to add its link: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reference, UnreachableReason reason);
}
