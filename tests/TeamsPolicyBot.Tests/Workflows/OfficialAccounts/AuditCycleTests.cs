using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>
/// The yearly audit on a moved clock, against Azurite: the register, the reminders (two processors standing for two bot
/// instances) and the clicks are the real ones; the messenger records what would be sent, the directory names Ada's manager.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AuditCycleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SMA-2026-0001";
    private const string AdaManagerId = "7d6c5b4a-3f2e-4d1c-9b0a-112233445566";
    private const string StrangerId = RegisterHarness.StrangerId;

    private static readonly DateTimeOffset ApprovedAt = SubmittedAt.AddHours(1);

    private readonly Mock<IAccountRequests> requests = new();
    private RegisterHarness register = null!;
    private FakeTimeProvider time = null!;
    private AccountsOptions settings = null!;
    private RecordingMessenger messenger = null!;
    private OfficialAccountRepository accounts = null!;
    private AuditFollowUp followUp = null!;
    private OfficialAccountActions actions = null!;
    private ReminderProcessor[] instances = [];

    public async Task InitializeAsync()
    {
        var managers = new Mock<IManagerDirectory>();
        managers.Setup(m => m.FindManagerAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(NoManager.Instance);
        managers.Setup(m => m.FindManagerAsync(RequesterId, It.IsAny<CancellationToken>())).ReturnsAsync(new ManagerFound(new Manager(AdaManagerId, "Mary Somerville")));

        register = await RegisterHarness.CreateAsync(azurite, ApprovedAt);
        (time, settings, messenger, accounts) = (register.Time, register.Settings, register.Messenger, register.Accounts);
        followUp = register.Audits(managers.Object, requests.Object);
        instances = register.TwoInstances(new AuditDueReminder(accounts, followUp, time), new AuditChaseReminder(accounts, followUp, time), new AuditEscalationReminder(accounts, followUp, time));
        actions = new OfficialAccountActions(accounts, followUp, new AuditCards(register.Templates), register.People, register.Options, time);

        // Approved now; Ada requested it and Alan (who has accepted, so has an Entra id) is the second administrator.
        await followUp.ScheduleNextAuditAsync(await register.AddApprovedAsync(Reference), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<OfficialAccount> AccountAsync() => (await accounts.GetAsync(Reference))!;

    /// <summary>Both instances poll once; returns how many reminders fired in all.</summary>
    private Task<int> PollAsync() => RegisterHarness.PollAsync(instances);

    private async Task<int> MoveToAsync(DateTimeOffset at)
    {
        time.SetUtcNow(at);
        return await PollAsync();
    }

    private Task<InvokeResponse> ClickAsync(string aadId, string name, string verb, object data) =>
        actions.HandleAsync(RegisterHarness.Turn(aadId, name).Object, new CardAction(verb, JsonSerializer.SerializeToElement(data)), CancellationToken.None);

    private static readonly Dictionary<string, object> Answers = new()
    {
        ["stillActive"] = "yes",
        ["lastPost"] = "last week",
        ["twoFactor"] = "yes",
        ["passwordsChanged"] = "nobodyLeft",
        ["planStillValid"] = "yes",
        ["administratorsNote"] = "Alan moves to the Gambia unit next year.",
    };

    private Task<InvokeResponse> CompleteAsync(string aadId, string name, int round = 1) =>
        ClickAsync(aadId, name, OfficialAccountVerbs.CompleteAudit, new Dictionary<string, object>(Answers) { ["reference"] = Reference, ["round"] = round });

    private Task<InvokeResponse> CommsAsync(string verb, object? extra = null, string aadId = ApproverId, string name = "Grace Hopper", int round = 1)
    {
        var data = new Dictionary<string, object> { ["reference"] = Reference, ["round"] = round };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            data[property.Name] = property.GetValue(extra)!;
        }

        return ClickAsync(aadId, name, verb, data);
    }

    private static string Text(InvokeResponse answer) => answer.Value!.Value.ToString();

    private static bool IsCard(InvokeResponse answer) => answer.Type == ContentTypes.AdaptiveCard;

    private static string CardText(Activity message) => JsonSerializer.Serialize(message.Attachments![0].Content);

    /// <summary>From the approval to the audit cards in both administrators' chats.</summary>
    private async Task StartAuditAsync()
    {
        Assert.Equal(0, await MoveToAsync(ApprovedAt + settings.AuditInterval - TimeSpan.FromMinutes(1)));
        Assert.Empty(messenger.ToPeople);
        Assert.Equal(1, await MoveToAsync(ApprovedAt + settings.AuditInterval));
    }

    [Fact]
    public async Task At_the_audit_date_every_administrator_gets_the_audit_one_completes_it_and_Comms_continues_the_account_for_another_year()
    {
        Assert.Equal(ApprovedAt + TimeSpan.FromDays(365), (await AccountAsync()).NextAuditDue);

        await StartAuditAsync();

        Assert.Equal([RequesterId, SecondAdminId], messenger.ToPeople.Select(sent => sent.PersonId).Order(StringComparer.Ordinal));
        Assert.All(messenger.ToPeople, sent => Assert.Contains("Yearly audit: Instagram", CardText(sent.Message), StringComparison.Ordinal));
        Assert.Equal(OfficialAccountStatus.AuditDue, (await AccountAsync()).Status);

        var completed = await CompleteAsync(RequesterId, "Ada Lovelace");

        Assert.True(IsCard(completed), Text(completed));
        Assert.Equal(OfficialAccountStatus.UnderReview, (await AccountAsync()).Status);
        var review = Assert.Single(messenger.ToComms);
        Assert.Contains("Audit to review", CardText(review.Message), StringComparison.Ordinal);
        Assert.Contains("Alan moves to the Gambia unit next year.", CardText(review.Message), StringComparison.Ordinal);

        // Alan's card, when Teams refreshes it, says who did it; his own click is refused.
        Assert.Contains("Ada Lovelace completed it", Text(await ClickAsync(SecondAdminId, "Alan Turing", OfficialAccountVerbs.RefreshAudit, new { reference = Reference, round = 1 })), StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace already completed this audit", Text(await CompleteAsync(SecondAdminId, "Alan Turing")), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(2));
        var continued = await CommsAsync(OfficialAccountVerbs.Continue);

        Assert.Contains("Audit reviewed", Text(continued), StringComparison.Ordinal);
        var account = await AccountAsync();
        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromDays(365), account.NextAuditDue);
        Assert.Equal(2, messenger.ToPeople.Count(sent => sent.Message.Text?.Contains("the account continues", StringComparison.Ordinal) == true));

        // The chase and escalation of the completed audit fire and say nothing; a year on, the next audit starts.
        messenger.ToPeople.Clear();
        Assert.Equal(2, await MoveToAsync(time.GetUtcNow() + TimeSpan.FromDays(30)));
        Assert.Empty(messenger.ToPeople);
        Assert.Equal(1, await MoveToAsync(account.NextAuditDue));
        Assert.Equal(2, messenger.ToPeople.Count);
        Assert.Equal((OfficialAccountStatus.AuditDue, 2), ((await AccountAsync()).Status, (await AccountAsync()).AuditRound));
    }

    [Fact]
    public async Task Comms_asks_for_changes_the_administrators_answer_again_then_Comms_closes_and_an_administrator_confirms()
    {
        await StartAuditAsync();
        await CompleteAsync(RequesterId, "Ada Lovelace");
        messenger.ToPeople.Clear();

        Assert.Contains("Write what the administrators should change", Text(await CommsAsync(OfficialAccountVerbs.AskForChanges, new { changesMessage = " " })), StringComparison.Ordinal);
        await CommsAsync(OfficialAccountVerbs.AskForChanges, new { changesMessage = "Please turn on two-factor authentication." });

        Assert.Equal(OfficialAccountStatus.AuditDue, (await AccountAsync()).Status);
        Assert.Equal(2, messenger.ToPeople.Count);
        Assert.All(messenger.ToPeople, sent => Assert.Contains("Please turn on two-factor authentication.", CardText(sent.Message), StringComparison.Ordinal));

        Assert.True(IsCard(await CompleteAsync(SecondAdminId, "Alan Turing")));
        Assert.Equal(2, messenger.ToComms.Count);
        messenger.ToPeople.Clear();

        Assert.Contains("Write why the account is closing", Text(await CommsAsync(OfficialAccountVerbs.CloseAfterAudit, new { closeReason = "" })), StringComparison.Ordinal);
        await CommsAsync(OfficialAccountVerbs.CloseAfterAudit, new { closeReason = "No posts for a year." });

        Assert.Equal(OfficialAccountStatus.Closing, (await AccountAsync()).Status);
        Assert.Equal(2, messenger.ToPeople.Count);
        Assert.All(messenger.ToPeople, sent => Assert.Contains("Please delete or archive the account on Instagram", CardText(sent.Message), StringComparison.Ordinal));

        time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(StrangerId, "Mallory", OfficialAccountVerbs.ConfirmClosed, new { reference = Reference })));
        var confirmed = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.ConfirmClosed, new { reference = Reference });

        Assert.Contains("Closed: Instagram", Text(confirmed), StringComparison.Ordinal);
        var account = Assert.Single(await accounts.ListAsync());
        Assert.Equal((OfficialAccountStatus.Closed, time.GetUtcNow()), (account.Status, account.ClosedAt));
        Assert.Equal("No posts for a year.", account.ClosingReason);
        Assert.Equal(
            ["Added to the register", OfficialAccount.Actions.AuditSent, OfficialAccount.Actions.AuditCompleted, OfficialAccount.Actions.ChangesAsked, OfficialAccount.Actions.AuditCompleted, OfficialAccount.Actions.Closing, OfficialAccount.Actions.Closed],
            account.History.Select(entry => entry.Action));
        Assert.Contains("already confirmed closed", Text(await ClickAsync(SecondAdminId, "Alan Turing", OfficialAccountVerbs.ConfirmClosed, new { reference = Reference })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audit_not_done_is_chased_once_after_two_weeks_and_escalated_once_to_Comms_and_line_managers_after_four()
    {
        await StartAuditAsync();
        var started = time.GetUtcNow();
        messenger.ToPeople.Clear();

        Assert.Equal(0, await MoveToAsync(started + TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await MoveToAsync(started + TimeSpan.FromDays(14)));
        Assert.Equal([RequesterId, SecondAdminId], messenger.ToPeople.Select(sent => sent.PersonId).Order(StringComparer.Ordinal));
        Assert.All(messenger.ToPeople, sent => Assert.StartsWith("A reminder: the yearly audit of Instagram @lshtm_malaria", sent.Message.Text, StringComparison.Ordinal));
        Assert.Empty(messenger.ToComms);

        messenger.ToPeople.Clear();
        Assert.Equal(1, await MoveToAsync(started + TimeSpan.FromDays(28)));
        var comms = Assert.Single(messenger.ToComms);
        Assert.Contains("is still not done", comms.Message.Text, StringComparison.Ordinal);
        var manager = Assert.Single(messenger.ToPeople);
        Assert.Equal(AdaManagerId, manager.PersonId);
        Assert.Contains("Ada Lovelace is an administrator", manager.Message.Text, StringComparison.Ordinal);

        // Later polls, on either instance, say nothing more; the history has each step once.
        Assert.Equal(0, await MoveToAsync(started + TimeSpan.FromDays(60)));
        Assert.Single(messenger.ToComms);
        Assert.Single(messenger.ToPeople);
        var history = (await AccountAsync()).History;
        Assert.Single(history, entry => entry.Action == OfficialAccount.Actions.AuditChased);
        Assert.Single(history, entry => entry.Action == OfficialAccount.Actions.AuditEscalated);
    }

    [Fact]
    public async Task A_reminder_run_again_after_a_crash_queues_under_the_same_keys_and_records_once()
    {
        await StartAuditAsync();
        var due = new AuditDueReminder(accounts, followUp, time);

        await due.HandleAsync(AuditFollowUp.Key(AuditFollowUp.Due, Reference, 1), CancellationToken.None);

        Assert.Equal(4, messenger.ToPeople.Count);
        Assert.Equal(2, messenger.ToPeople.Select(sent => sent.Key).Distinct().Count());
        Assert.Single((await AccountAsync()).History, entry => entry.Action == OfficialAccount.Actions.AuditSent);
    }

    [Fact]
    public async Task The_review_goes_to_the_thread_of_the_approval_card_when_its_place_is_known()
    {
        var request = AccountRequest.Submit(Reference, Ada, Details(), SubmittedAt).Approve(Approver, ApprovedAt).Next! with
        {
            ApprovalCard = new MessageLocation("https://service/", "19:comms@thread.tacv2;messageid=9001", "9001"),
        };
        requests.Setup(r => r.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredRecord<AccountRequest>(request, Azure.ETag.All));
        await StartAuditAsync();

        await CompleteAsync(RequesterId, "Ada Lovelace");

        Assert.StartsWith("thread:", Assert.Single(messenger.ToComms).Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_and_stale_clicks_change_nothing()
    {
        await StartAuditAsync();

        // Someone who is not an administrator cannot complete the audit or see its card.
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await CompleteAsync(StrangerId, "Mallory")));
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(StrangerId, "Mallory", OfficialAccountVerbs.RefreshAudit, new { reference = Reference, round = 1 })));
        Assert.Contains("Answer these, then send the audit again: Is two-factor authentication on?", Text(await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.CompleteAudit, new { reference = Reference, round = 1, stillActive = "yes", lastPost = "today", passwordsChanged = "yes", planStillValid = "yes" })), StringComparison.Ordinal);
        Assert.Contains("no longer open", Text(await CompleteAsync(RequesterId, "Ada Lovelace", round: 7)), StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.AuditDue, (await AccountAsync()).Status);

        await CompleteAsync(RequesterId, "Ada Lovelace");

        // Only Comms approvers review or close, and an administrator is not one.
        foreach (var verb in new[] { OfficialAccountVerbs.Continue, OfficialAccountVerbs.AskForChanges, OfficialAccountVerbs.CloseAfterAudit, OfficialAccountVerbs.Close })
        {
            Assert.Equal(OfficialAccountActions.CommsOnly, Text(await CommsAsync(verb, new { changesMessage = "x", closeReason = "x" }, RequesterId, "Ada Lovelace")));
        }

        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(ApproverId, "Grace Hopper", OfficialAccountVerbs.Continue, new { reference = "SMA-2026-9999", round = 1 })));
        Assert.Contains("not waiting for review", Text(await CommsAsync(OfficialAccountVerbs.Continue, round: 3)), StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.UnderReview, (await AccountAsync()).Status);

        // Two approvers at once: exactly one decides.
        var answers = await Task.WhenAll(
            CommsAsync(OfficialAccountVerbs.Continue),
            CommsAsync(OfficialAccountVerbs.CloseAfterAudit, new { closeReason = "Duplicate of the main account." }, OtherApproverId, "Katherine Johnson"));

        Assert.Single(answers, IsCard);
        Assert.Contains("already reviewed this audit", Text(Assert.Single(answers, answer => !IsCard(answer))), StringComparison.Ordinal);
        Assert.Single((await AccountAsync()).History, entry => entry.Action is OfficialAccount.Actions.Continued or OfficialAccount.Actions.Closing);
    }

    [Fact]
    public async Task Comms_can_close_an_account_from_the_register_with_a_reason()
    {
        Assert.Contains("Write why the account is closing", Text(await ClickAsync(ApproverId, "Grace Hopper", OfficialAccountVerbs.Close, new { reference = Reference })), StringComparison.Ordinal);

        var answer = await ClickAsync(ApproverId, "Grace Hopper", OfficialAccountVerbs.Close, new Dictionary<string, string> { ["reference"] = Reference, [$"closeReason_{Reference}"] = "The unit has merged." });

        Assert.Contains("is closing. I have asked its administrators", Text(answer), StringComparison.Ordinal);
        var account = await AccountAsync();
        Assert.Equal((OfficialAccountStatus.Closing, "The unit has merged."), (account.Status, account.ClosingReason));
        Assert.Equal(2, messenger.ToPeople.Count);

        // A closing account is not audited: its reminder fires and sends nothing.
        messenger.ToPeople.Clear();
        Assert.Equal(1, await MoveToAsync(ApprovedAt + settings.AuditInterval));
        Assert.Empty(messenger.ToPeople);
    }
}
