using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.People;
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
/// Administrator changes against Azurite: the register and the clicks are the real ones; the messenger records what would
/// be sent. Ada and Alan run the account; Grace Hopper is a Comms approver; Mary is the colleague asked to join.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AdministratorChangesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SMA-2026-0001";
    private const string MaryId = RegisterHarness.MaryId;
    private const string StrangerId = RegisterHarness.StrangerId;

    private RegisterHarness register = null!;
    private RecordingMessenger messenger = null!;
    private OfficialAccountRepository accounts = null!;
    private FakeTimeProvider time = null!;
    private RegisterPages pages = null!;

    public async Task InitializeAsync()
    {
        register = await RegisterHarness.CreateAsync(azurite, SubmittedAt.AddHours(1));
        (messenger, accounts, time) = (register.Messenger, register.Accounts, register.Time);
        pages = new RegisterPages(accounts, register.People, null!, register.Templates, register.Options, time);

        // An account from before invitations: Ada and Alan both count.
        await register.AddApprovedAsync(Reference);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<OfficialAccount> AccountAsync() => (await accounts.GetAsync(Reference))!;

    private Task<InvokeResponse> ClickAsync(string aadId, string name, string verb, object data) =>
        register.Changes.HandleAsync(RegisterHarness.Turn(aadId, name).Object, new CardAction(verb, JsonSerializer.SerializeToElement(data)), CancellationToken.None);

    private Task<InvokeResponse> AddMaryAsync(string byId = RequesterId, string byName = "Ada Lovelace", string? replaces = null) =>
        ClickAsync(byId, byName, OfficialAccountVerbs.AddAdministrator, new Dictionary<string, string?>
        {
            ["reference"] = Reference,
            [$"newAdmin_{Reference}"] = MaryId,
            [$"replaces_{Reference}"] = replaces ?? "",
        });

    private static string Text(InvokeResponse answer) => answer.Value!.Value.ToString();

    private static bool IsCard(InvokeResponse answer) => answer.Type == ContentTypes.AdaptiveCard;

    private static string CardText(Activity message) => JsonSerializer.Serialize(message.Attachments![0].Content);

    private static IReadOnlyList<string?> Ids(OfficialAccount account) => [.. account.Administrators.Select(admin => admin.AadObjectId)];

    [Fact]
    public async Task An_added_administrator_counts_only_once_they_accept_and_everyone_is_told()
    {
        var added = await AddMaryAsync();
        Assert.Contains("I have asked Mary Somerville to accept", Text(added), StringComparison.Ordinal);

        var invited = await AccountAsync();
        Assert.False(invited.IsAdministrator(MaryId));
        Assert.Equal([RequesterId, SecondAdminId], Ids(invited));
        var card = Assert.Single(messenger.ToPeople, sent => sent.PersonId == MaryId);
        Assert.Contains("Become an administrator of Instagram", CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains("post, edit and delete", CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains(messenger.ToComms, sent => sent.Message.Text!.Contains("Ada Lovelace asked Mary Somerville to become an administrator of Instagram", StringComparison.Ordinal));
        Assert.Contains(messenger.ToPeople, sent => sent.PersonId == SecondAdminId && sent.Message.Text!.Contains("asked Mary Somerville", StringComparison.Ordinal));
        Assert.DoesNotContain(messenger.ToPeople, sent => sent.PersonId == RequesterId);

        // Asked twice: refused, nobody asked again.
        Assert.Contains("has already been asked", Text(await AddMaryAsync(SecondAdminId, "Alan Turing")), StringComparison.Ordinal);
        Assert.Single(messenger.ToPeople, sent => sent.PersonId == MaryId);

        var accepted = await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference });
        Assert.True(IsCard(accepted), Text(accepted));
        Assert.Contains("You accepted", Text(accepted), StringComparison.Ordinal);
        var account = await AccountAsync();
        Assert.Equal([RequesterId, SecondAdminId, MaryId], Ids(account));
        Assert.Equal("mary.somerville@lshtm.ac.uk", account.Administrators[2].Email);
        Assert.Empty(account.Invitations);
        Assert.Equal(
            [OfficialAccount.AdminActions.Invited, OfficialAccount.AdminActions.Accepted],
            account.History.Skip(1).Select(entry => entry.Action));
        Assert.Contains(messenger.ToComms, sent => sent.Message.Text!.Contains("Mary Somerville accepted and is now an administrator", StringComparison.Ordinal));
        Assert.Contains(messenger.ToPeople, sent => sent.PersonId == RequesterId && sent.Message.Text!.Contains("Mary Somerville accepted", StringComparison.Ordinal));

        // A second click on the same card changes nothing.
        Assert.Contains("already an administrator", Text(await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference })), StringComparison.Ordinal);
        Assert.Equal(3, (await AccountAsync()).History.Count);
    }

    [Fact]
    public async Task A_colleague_picked_in_a_personal_chat_whom_Teams_cannot_find_there_is_named_from_the_Comms_roster()
    {
        // Teams resolves only the members of the chat the click came from; the Comms team's roster knows everyone on staff.
        const string JoanId = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";
        register.Names.Setup(n => n.FindNameAsync(JoanId, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonName("Joan Clarke", "joan.clarke@lshtm.ac.uk"));

        var added = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.AddAdministrator, new Dictionary<string, string?>
        {
            ["reference"] = Reference,
            [$"newAdmin_{Reference}"] = JoanId,
        });

        Assert.Equal("I have asked Joan Clarke to accept. They count as an administrator of Instagram @lshtm_malaria once they do.", Text(added));
        var invited = Assert.Single((await AccountAsync()).Invitations).Person;
        Assert.Equal(("Joan Clarke", "joan.clarke@lshtm.ac.uk"), (invited.Name, invited.Email));
        Assert.Contains(messenger.ToComms, sent => sent.Message.Text!.StartsWith("Ada Lovelace asked Joan Clarke to become an administrator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_second_administrator_named_on_a_request_is_asked_on_approval_and_counts_once_they_accept()
    {
        const string Second = "SMA-2026-0002";
        var followUp = register.Administrators;
        var account = await register.AddApprovedAsync(Second, "handle=@lshtm_malaria_2|secondAdmin=" + SecondAdminId, alanAccepted: false);

        // Ada, who asked for it, counts at once; Alan is asked, by the approver, and does not count yet.
        Assert.Equal([RequesterId], Ids(account));
        Assert.Equal(SecondAdminId, Assert.Single(account.Invitations).Person.AadObjectId);
        await followUp.InvitedOnApprovalAsync(account, CancellationToken.None);

        // A repaired approval queues it again under the same key, which the outbox sends once.
        await followUp.InvitedOnApprovalAsync(account, CancellationToken.None);
        var card = messenger.ToPeople.First(sent => sent.PersonId == SecondAdminId);
        Assert.Single(messenger.ToPeople.Where(sent => sent.PersonId == SecondAdminId).Select(sent => sent.Key).Distinct());
        Assert.Contains("Grace Hopper asked you", CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains("post, edit and delete", CardText(card.Message), StringComparison.Ordinal);

        // "my accounts" and "accounts" show him as awaiting acceptance.
        Assert.Contains("Asked, not yet accepted: alan.turing@lshtm.ac.uk", JsonSerializer.Serialize((await pages.MineAsync(RequesterId, CancellationToken.None)).Content), StringComparison.Ordinal);
        var listed = await pages.PageAsync(RegisterList.Accounts, RegisterQuery.All, 0, CancellationToken.None);
        Assert.Contains(listed.Items, item => item.Invited == "alan.turing@lshtm.ac.uk");

        var accepted = await ClickAsync(SecondAdminId, "Alan Turing", OfficialAccountVerbs.AcceptAdministrator, new { reference = Second });
        Assert.Contains("You accepted", Text(accepted), StringComparison.Ordinal);
        var running = (await accounts.GetAsync(Second))!;
        Assert.Equal([RequesterId, SecondAdminId], Ids(running));
        Assert.Empty(running.Invitations);
        Assert.Contains(messenger.ToPeople, sent => sent.PersonId == RequesterId && sent.Message.Text!.Contains("Alan Turing accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decline_leaves_the_administrators_as_they_were()
    {
        await AddMaryAsync(ApproverId, "Grace Hopper");
        var declined = await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.DeclineAdministrator, new { reference = Reference });

        Assert.Contains("You declined", Text(declined), StringComparison.Ordinal);
        var account = await AccountAsync();
        Assert.Equal([RequesterId, SecondAdminId], Ids(account));
        Assert.Empty(account.Invitations);
        Assert.Equal(OfficialAccount.AdminActions.Declined, account.History[^1].Action);

        // Her answered card has no buttons; a stale one is answered like any stranger's click, and changes nothing.
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference })));
        Assert.Equal([RequesterId, SecondAdminId], Ids(await AccountAsync()));
    }

    [Fact]
    public async Task A_removal_that_would_leave_fewer_than_two_is_refused_until_the_new_one_accepts()
    {
        var refused = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.RemoveAdministrator, new { reference = Reference, admin = SecondAdminId });
        Assert.Contains("has two administrators", Text(refused), StringComparison.Ordinal);
        Assert.Contains("have them accept before removing Alan Turing", Text(refused), StringComparison.Ordinal);

        // Invited is not enough: Mary does not count yet.
        await AddMaryAsync();
        Assert.Contains("has two administrators", Text(await ClickAsync(ApproverId, "Grace Hopper", OfficialAccountVerbs.RemoveAdministrator, new { reference = Reference, admin = SecondAdminId })), StringComparison.Ordinal);
        Assert.Equal([RequesterId, SecondAdminId], Ids(await AccountAsync()));

        await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference });
        var removed = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.RemoveAdministrator, new { reference = Reference, admin = SecondAdminId });
        Assert.Contains("Alan Turing is no longer an administrator", Text(removed), StringComparison.Ordinal);
        Assert.Equal([RequesterId, MaryId], Ids(await AccountAsync()));
        Assert.Contains(messenger.ToPeople, sent => sent.PersonId == SecondAdminId && sent.Message.Text!.Contains("You are no longer an administrator", StringComparison.Ordinal));
        Assert.Equal(OfficialAccount.AdminActions.Removed, (await AccountAsync()).History[^1].Action);
    }

    [Fact]
    public async Task A_replacement_takes_effect_when_the_new_administrator_accepts()
    {
        await AddMaryAsync(replaces: SecondAdminId);
        Assert.Contains("take over from Alan Turing", CardText(messenger.ToPeople.Single(sent => sent.PersonId == MaryId).Message), StringComparison.Ordinal);
        Assert.Equal([RequesterId, SecondAdminId], Ids(await AccountAsync()));

        await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference });
        var account = await AccountAsync();
        Assert.Equal([RequesterId, MaryId], Ids(account));
        Assert.Equal(OfficialAccount.AdminActions.Removed, account.History[^1].Action);
    }

    [Fact]
    public async Task A_leaver_leaves_the_account_needing_an_administrator_until_a_new_one_accepts()
    {
        var left = await ClickAsync(ApproverId, "Grace Hopper", OfficialAccountVerbs.AdministratorLeft, new { reference = Reference, admin = SecondAdminId });
        Assert.Contains("Alan Turing left the university", Text(left), StringComparison.Ordinal);

        var account = await AccountAsync();
        Assert.Equal(OfficialAccountStatus.NeedsAdministrator, account.Status);
        Assert.Equal([RequesterId], Ids(account));
        Assert.Equal(OfficialAccount.AdminActions.Left, account.History[^1].Action);
        Assert.Contains(messenger.ToComms, sent => sent.Message.Text!.Contains("Alan Turing left the university", StringComparison.Ordinal));
        var card = Assert.Single(messenger.ToPeople, sent => sent.PersonId == RequesterId);
        Assert.Contains("approved password manager", CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains("Nominate a new administrator", CardText(card.Message), StringComparison.Ordinal);

        // Comms sees it in "audits".
        var audits = await pages.PageAsync(RegisterList.Audits, RegisterQuery.All with { Status = OfficialAccountStatus.AuditDue }, 0, CancellationToken.None);
        Assert.Equal("Needs an administrator", Assert.Single(audits.Items).StatusText);

        // Ada confirms the passwords (once), and nominates Mary from the leaver card.
        Assert.Contains("Thank you", Text(await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.ConfirmPasswords, new { reference = Reference })), StringComparison.Ordinal);
        Assert.Contains("already confirmed", Text(await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.ConfirmPasswords, new { reference = Reference })), StringComparison.Ordinal);
        Assert.Contains(messenger.ToComms, sent => sent.Message.Text!.Contains("were changed and stored in the approved password manager", StringComparison.Ordinal));
        await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.AddAdministrator, new { reference = Reference, newAdmin = MaryId });
        Assert.Equal(OfficialAccountStatus.NeedsAdministrator, (await AccountAsync()).Status);
        await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference });
        Assert.Equal(OfficialAccountStatus.Active, (await AccountAsync()).Status);
    }

    [Fact]
    public async Task Forged_clicks_change_nothing()
    {
        var before = await AccountAsync();

        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await AddMaryAsync(StrangerId, "Eve")));
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(StrangerId, "Eve", OfficialAccountVerbs.RemoveAdministrator, new { reference = Reference, admin = SecondAdminId })));
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(StrangerId, "Eve", OfficialAccountVerbs.AcceptAdministrator, new { reference = Reference })));
        Assert.Equal(AdministratorChanges.CommsOnlyLeft, Text(await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.AdministratorLeft, new { reference = Reference, admin = SecondAdminId })));
        Assert.Contains("people picker", Text(await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.AddAdministrator, new { reference = Reference, newAdmin = "not-a-person" })), StringComparison.Ordinal);

        // Mary, invited, cannot act on the account before she accepts.
        await AddMaryAsync();
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await ClickAsync(MaryId, "Mary Somerville", OfficialAccountVerbs.RemoveAdministrator, new { reference = Reference, admin = SecondAdminId })));

        var after = await AccountAsync();
        Assert.Equal(Ids(before), Ids(after));
        Assert.Equal(before.History.Count + 1, after.History.Count);
        Assert.DoesNotContain(messenger.ToComms, sent => !sent.Message.Text!.Contains("asked Mary Somerville", StringComparison.Ordinal));
    }
}
