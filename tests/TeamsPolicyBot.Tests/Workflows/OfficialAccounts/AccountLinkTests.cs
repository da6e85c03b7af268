using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>
/// A new account approved before it existed: its requester adds the link and handle from the approval notice, and is
/// reminded once, <c>Accounts:LinkReminderAfter</c> later, if they have not. Against Azurite, with two reminder instances.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AccountLinkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SMA-2026-0001";
    private const string StrangerId = RegisterHarness.StrangerId;

    private static readonly DateTimeOffset ApprovedAt = SubmittedAt.AddHours(1);

    private RegisterHarness register = null!;
    private FakeTimeProvider time = null!;
    private AccountsOptions settings = null!;
    private RecordingMessenger messenger = null!;
    private OfficialAccountRepository accounts = null!;
    private AccountLinks links = null!;
    private ReminderProcessor[] instances = [];

    public async Task InitializeAsync()
    {
        register = await RegisterHarness.CreateAsync(azurite, ApprovedAt);
        (time, settings, messenger, accounts) = (register.Time, register.Settings, register.Messenger, register.Accounts);
        links = new AccountLinks(accounts, time);
        var reminder = new LinkReminder(accounts, new ReminderScheduler(register.Reminders, time), messenger.Object, register.Options, time, NullLogger<LinkReminder>.Instance);
        instances = register.TwoInstances(reminder);

        // A new account: the request proposed @lshtm_new and had no link.
        var account = await register.AddApprovedAsync(Reference, "alreadyExists=false|existingUrl=|handle=@lshtm_new", alanAccepted: false);
        Assert.True(await reminder.ScheduleAsync(account, ApprovedAt, CancellationToken.None));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<InvokeResponse> AddLinkAsync(string link, string handle, string byId = RequesterId)
    {
        var turn = new Mock<ITurnContext>();
        turn.SetupGet(t => t.Activity).Returns(new Activity
        {
            Type = ActivityTypes.Invoke,
            From = new ChannelAccount { Id = "29:someone", AadObjectId = byId, Name = "Ada Lovelace" },
            Conversation = new ConversationAccount { Id = "a:chat", ConversationType = "personal" },
        });
        var data = JsonSerializer.SerializeToElement(new { reference = Reference, accountUrl = link, handle });
        return links.HandleAsync(turn.Object, new CardAction(AccountLinks.Verb, data), CancellationToken.None);
    }

    private Task<int> RunRemindersAsync() => RegisterHarness.PollAsync(instances);

    private static string Text(InvokeResponse answer) => answer.Value!.Value.ToString();

    private IEnumerable<(string PersonId, string Key, Activity Message)> LinkReminders => messenger.ToPeople.Where(sent => sent.Key.EndsWith("/link-reminder", StringComparison.Ordinal));

    [Fact]
    public async Task The_approval_notice_of_a_new_account_asks_for_its_link_and_the_register_says_it_is_missing()
    {
        var cards = new AccountRequestCards(CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All), Options.Create(new CommsOptions()));
        var newAccount = AccountRequest.Submit(Reference, Ada, Details("alreadyExists=false|existingUrl="), SubmittedAt).Approve(Approver, ApprovedAt).Next!;
        var existing = AccountRequest.Submit(Reference, Ada, Details("alreadyExists=true|existingUrl=https://www.instagram.com/lshtm_malaria"), SubmittedAt).Approve(Approver, ApprovedAt).Next!;

        Assert.Contains("Once the account exists, add its link", JsonSerializer.Serialize(cards.DecisionNotice(newAccount).Content), StringComparison.Ordinal);
        Assert.Contains(AccountLinks.Verb, JsonSerializer.Serialize(cards.DecisionNotice(newAccount).Content), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountLinks.Verb, JsonSerializer.Serialize(cards.DecisionNotice(existing).Content), StringComparison.Ordinal);

        var account = (await accounts.GetAsync(Reference))!;
        Assert.True(account.LinkMissing);
        Assert.True(RegisterLine.Of(account, account.Status).LinkMissing);
    }

    [Fact]
    public async Task The_link_and_handle_are_checked_stored_and_indexed_and_a_taken_handle_is_refused()
    {
        Assert.Contains("This is not a link", Text(await AddLinkAsync("instagram.com/lshtm_new", "@lshtm_new")), StringComparison.Ordinal);
        Assert.Contains("Enter the account name or handle", Text(await AddLinkAsync("https://www.instagram.com/lshtm_new", " ")), StringComparison.Ordinal);
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await AddLinkAsync("https://www.instagram.com/x", "@x", StrangerId)));

        var other = AccountRequest.Submit("SMA-2026-0002", Ada, Details("handle=@taken|unitName=Other Centre"), SubmittedAt).Approve(Approver, ApprovedAt).Next!;
        await accounts.AddFromApprovedRequestAsync(other);
        Assert.Contains("already has Instagram @taken, for Other Centre (SMA-2026-0002)", Text(await AddLinkAsync("https://www.instagram.com/taken", "taken")), StringComparison.Ordinal);
        Assert.True((await accounts.GetAsync(Reference))!.LinkMissing);

        var saved = await AddLinkAsync("https://www.instagram.com/lshtm_new_account", "@LSHTM_New_Account");
        Assert.Contains("The register now links to Instagram @LSHTM_New_Account", Text(saved), StringComparison.Ordinal);
        var account = (await accounts.GetAsync(Reference))!;
        Assert.Equal(new Uri("https://www.instagram.com/lshtm_new_account"), account.Url);
        Assert.False(account.LinkMissing);
        Assert.Equal(OfficialAccount.LinkActions.Added, account.History[^1].Action);
        Assert.Equal(Reference, (await accounts.FindByHandleAsync(account.Platform, account.PlatformName, "lshtm_new_account"))!.SourceReference);
        Assert.Null(await accounts.FindByHandleAsync(account.Platform, account.PlatformName, "@lshtm_new"));

        Assert.Contains("already has its link", Text(await AddLinkAsync("https://www.instagram.com/again", "@again")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_is_reminded_once_after_the_period_whichever_instance_runs_it()
    {
        time.Advance(settings.LinkReminderAfter - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await RunRemindersAsync());
        Assert.Empty(LinkReminders);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await RunRemindersAsync());
        var reminder = Assert.Single(LinkReminders);
        Assert.Equal(RequesterId, reminder.PersonId);
        Assert.Contains("Add the account's link", reminder.Message.Text, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(30));
        await RunRemindersAsync();
        Assert.Single(LinkReminders);
        Assert.Single((await accounts.GetAsync(Reference))!.History, entry => entry.Action == OfficialAccount.LinkActions.Reminded);
    }

    [Fact]
    public async Task Nobody_is_reminded_when_the_link_was_added_in_time()
    {
        await AddLinkAsync("https://www.instagram.com/lshtm_new", "@lshtm_new");

        time.Advance(settings.LinkReminderAfter + TimeSpan.FromMinutes(1));
        await RunRemindersAsync();

        Assert.Empty(LinkReminders);
        Assert.DoesNotContain((await accounts.GetAsync(Reference))!.History, entry => entry.Action == OfficialAccount.LinkActions.Reminded);
    }
}
