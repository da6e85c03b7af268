using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>
/// Registering an existing account against Azurite: the register, reference numbers and reminders are the real ones; the
/// messenger records what would be sent. Ada registers; Mary is the colleague she names; Grace Hopper and Katherine
/// Johnson are Comms approvers.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AccountRegistrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string MaryId = RegisterHarness.MaryId;
    private const string StrangerId = RegisterHarness.StrangerId;

    /// <summary>A Comms approver who registers an account of their own (they may not add it themselves).</summary>
    private const string RequesterId2 = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";

    private RegisterHarness register = null!;
    private FakeTimeProvider time = null!;
    private RecordingMessenger messenger = null!;
    private AccountsOptions settings = null!;
    private OfficialAccountRepository accounts = null!;
    private ReminderStore reminders = null!;
    private AccountRegistrations registrations = null!;
    private AdministratorChanges changes = null!;

    public async Task InitializeAsync()
    {
        register = await RegisterHarness.CreateAsync(azurite, SubmittedAt, RequesterId2);
        (time, messenger, settings, accounts, reminders, changes) = (register.Time, register.Messenger, register.Settings, register.Accounts, register.Reminders, register.Changes);
        registrations = new AccountRegistrations(
            accounts, new ReferenceNumbers(register.Storage, time), new RegistrationCards(register.Templates), register.Audits(), register.Administrators, messenger.Object, register.People,
            register.Picker, register.Options, time, NullLogger<AccountRegistrations>.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Mock<ITurnContext> Turn(string aadId, string name, bool inChannel = false) => RegisterHarness.Turn(aadId, name, inChannel);

    private Task<InvokeResponse> ClickAsync(string aadId, string name, string verb, object data, bool inChannel = false) =>
        registrations.HandleAsync(Turn(aadId, name, inChannel).Object, new CardAction(verb, JsonSerializer.SerializeToElement(data)), CancellationToken.None);

    private static Dictionary<string, string?> Form(string submissionId, string handle = "@LSHTM_Malaria") => new()
    {
        ["platform"] = "instagram",
        ["handle"] = handle,
        ["accountUrl"] = "https://www.instagram.com/lshtm_malaria",
        ["unitType"] = "researchCentre",
        ["unitName"] = "Malaria Centre",
        ["otherAdmins"] = MaryId,
        ["submissionId"] = submissionId,
    };

    private async Task<string> RegisterAsync(string byId = RequesterId, string byName = "Ada Lovelace", string handle = "@LSHTM_Malaria")
    {
        var answer = await ClickAsync(byId, byName, OfficialAccountVerbs.SubmitRegistration, Form(Guid.NewGuid().ToString(), handle));
        Assert.True(IsCard(answer), Text(answer));
        return System.Text.RegularExpressions.Regex.Match(Text(answer), @"REG-\d{4}-\d{4}").Value;
    }

    private Task<InvokeResponse> AddAsync(string reference, string byId = ApproverId, string byName = "Grace Hopper", object? data = null) =>
        ClickAsync(byId, byName, OfficialAccountVerbs.AddRegistration, data ?? new { reference }, inChannel: true);

    private Task<InvokeResponse> NotOfficialAsync(string reference, string? reason, string byId = ApproverId) =>
        ClickAsync(byId, "Grace Hopper", OfficialAccountVerbs.NotOfficial, new { reference, notOfficialReason = reason }, inChannel: true);

    private static string Text(InvokeResponse answer) => answer.Value!.Value.ToString();

    private static bool IsCard(InvokeResponse answer) => answer.Type == ContentTypes.AdaptiveCard;

    private static string CardText(Activity message) => JsonSerializer.Serialize(message.Attachments![0].Content);

    [Fact]
    public async Task A_registration_waits_for_Comms_outside_the_register_and_its_card_goes_to_the_Comms_channel_once()
    {
        var submissionId = Guid.NewGuid().ToString();
        var answer = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.SubmitRegistration, Form(submissionId));

        Assert.True(IsCard(answer), Text(answer));
        Assert.Contains("Sent to Comms", Text(answer), StringComparison.Ordinal);
        Assert.DoesNotContain(OfficialAccountVerbs.AddRegistration, Text(answer), StringComparison.Ordinal);
        var stored = Assert.Single(await accounts.ListAsync());
        Assert.StartsWith("REG-", stored.SourceReference, StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.AwaitingComms, stored.Status);
        Assert.False(stored.IsInRegister);
        Assert.Equal([RequesterId], stored.Administrators.Select(admin => admin.AadObjectId));
        Assert.Equal("Mary Somerville", Assert.Single(stored.Invitations).Person.Name);
        Assert.Null(await accounts.FindByHandleAsync(stored.Platform, stored.PlatformName, "lshtm_malaria"));

        var card = Assert.Single(messenger.ToComms);
        Assert.Contains("Existing account to register", CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains(OfficialAccountVerbs.AddRegistration, CardText(card.Message), StringComparison.Ordinal);
        Assert.Contains(OfficialAccountVerbs.NotOfficial, CardText(card.Message), StringComparison.Ordinal);

        // Teams retries the invoke: the same registration, the same (idempotent) post.
        var again = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.SubmitRegistration, Form(submissionId));
        Assert.Contains(stored.SourceReference, Text(again), StringComparison.Ordinal);
        Assert.Single(await accounts.ListAsync());
        Assert.All(messenger.ToComms, post => Assert.Equal(card.Key, post.Key));

        // Someone else replaying Ada's submission id sees nothing of it.
        var replayed = await ClickAsync(StrangerId, "Someone Else", OfficialAccountVerbs.SubmitRegistration, Form(submissionId));
        Assert.Equal(Visibility.FormAlreadyUsed, Text(replayed));
    }

    [Fact]
    public async Task An_invalid_form_comes_back_field_by_field_and_nothing_is_stored()
    {
        var form = Form(Guid.NewGuid().ToString());
        form["accountUrl"] = "instagram.com/lshtm_malaria";
        form["otherAdmins"] = "";

        var answer = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.SubmitRegistration, form);

        Assert.True(IsCard(answer));
        Assert.Contains("Please fix 2 things", Text(answer), StringComparison.Ordinal);
        Assert.Contains("This is not a link", Text(answer), StringComparison.Ordinal);
        Assert.Contains("Choose at least one other member of staff", Text(answer), StringComparison.Ordinal);
        Assert.Contains("instagram.com/lshtm_malaria", Text(answer), StringComparison.Ordinal);
        Assert.Empty(await accounts.ListAsync());
        Assert.Empty(messenger.ToComms);
    }

    [Fact]
    public async Task Add_makes_it_an_active_account_in_the_register_invites_the_others_and_tells_the_registrant_once()
    {
        var reference = await RegisterAsync();
        time.Advance(TimeSpan.FromHours(2));

        var added = await AddAsync(reference);

        Assert.True(IsCard(added), Text(added));
        Assert.Contains("Grace Hopper added it to the register", Text(added), StringComparison.Ordinal);
        Assert.DoesNotContain(OfficialAccountVerbs.AddRegistration, Text(added), StringComparison.Ordinal);
        var account = (await accounts.GetAsync(reference))!;
        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        Assert.True(account.IsInRegister);
        Assert.Equal(ApproverId, account.ApprovedBy.AadObjectId);
        Assert.Equal(time.GetUtcNow() + settings.AuditInterval, account.NextAuditDue);
        Assert.NotNull(await reminders.GetAsync(AuditFollowUp.Key(AuditFollowUp.Due, reference, 1).ToString(), CancellationToken.None));
        Assert.Equal(reference, (await accounts.FindByHandleAsync(account.Platform, account.PlatformName, "@lshtm_MALARIA"))!.SourceReference);

        // Mary counts only once she accepts.
        Assert.False(account.IsAdministrator(MaryId));
        var invitation = Assert.Single(messenger.ToPeople, sent => sent.PersonId == MaryId);
        Assert.Contains("Become an administrator of Instagram", CardText(invitation.Message), StringComparison.Ordinal);
        var told = Assert.Single(messenger.ToPeople, sent => sent.PersonId == RequesterId);
        Assert.Contains("Comms added Instagram @LSHTM_Malaria", told.Message.Text, StringComparison.Ordinal);
        Assert.Contains("asked Mary Somerville to accept", told.Message.Text, StringComparison.Ordinal);

        var accepted = await changes.HandleAsync(Turn(MaryId, "Mary Somerville").Object, new CardAction(OfficialAccountVerbs.AcceptAdministrator, JsonSerializer.SerializeToElement(new { reference })), CancellationToken.None);
        Assert.True(IsCard(accepted), Text(accepted));
        Assert.True((await accounts.GetAsync(reference))!.IsAdministrator(MaryId));

        // A second approver clicking the same card: refused, nothing said twice.
        var second = await AddAsync(reference, OtherApproverId, "Katherine Johnson");
        Assert.Contains("Grace Hopper already added", Text(second), StringComparison.Ordinal);
        Assert.Single(messenger.ToPeople, sent => sent.PersonId == MaryId);
        Assert.Single(messenger.ToPeople.Select(sent => sent.Key).Where(key => key.Contains("registrant", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public async Task Only_a_Comms_approver_other_than_the_registrant_decides_and_forged_clicks_change_nothing()
    {
        var reference = await RegisterAsync();
        var own = await RegisterAsync(RequesterId2, "Sam Carter", "@sams_project");

        Assert.Equal(AccountRegistrations.CommsOnly, Text(await AddAsync(reference, RequesterId, "Ada Lovelace")));
        Assert.Equal(AccountRegistrations.CommsOnly, Text(await NotOfficialAsync(reference, "forged", StrangerId)));
        Assert.Equal(AccountRegistrations.OwnRegistration, Text(await AddAsync(own, RequesterId2, "Sam Carter")));

        // An approver's click forged onto an account that came from a request, or a made-up reference.
        var request = AccountRequest.Submit("SMA-2026-0001", Ada, Details("handle=@other"), SubmittedAt).Approve(Approver, SubmittedAt).Next!;
        await accounts.AddFromApprovedRequestAsync(request);
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await AddAsync("SMA-2026-0001")));
        Assert.Equal(Visibility.NotFound(RecordKind.OfficialAccount), Text(await AddAsync("REG-2026-9999")));

        // Mary cannot accept before Comms has added it, forged click or not.
        var early = await changes.HandleAsync(Turn(MaryId, "Mary Somerville").Object, new CardAction(OfficialAccountVerbs.AcceptAdministrator, JsonSerializer.SerializeToElement(new { reference })), CancellationToken.None);
        Assert.False(IsCard(early));

        var unchanged = (await accounts.GetAsync(reference))!;
        Assert.Equal(OfficialAccountStatus.AwaitingComms, unchanged.Status);
        Assert.Single(unchanged.History);
        Assert.Equal(OfficialAccountStatus.Active, (await accounts.GetAsync("SMA-2026-0001"))!.Status);
        Assert.Empty(messenger.ToPeople);
    }

    [Fact]
    public async Task Not_an_official_account_needs_a_reason_which_the_registrant_reads_with_the_way_to_request_one()
    {
        var reference = await RegisterAsync();

        var noReason = await NotOfficialAsync(reference, "  ");
        Assert.Contains("Write why this is not an official account", Text(noReason), StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.AwaitingComms, (await accounts.GetAsync(reference))!.Status);

        var refused = await NotOfficialAsync(reference, "It is Ada's personal account.");
        Assert.True(IsCard(refused), Text(refused));
        Assert.Contains("not an official account", Text(refused), StringComparison.Ordinal);
        var account = (await accounts.GetAsync(reference))!;
        Assert.Equal(OfficialAccountStatus.NotOfficial, account.Status);
        Assert.Equal("It is Ada's personal account.", account.NotOfficialReason);
        Assert.Equal(time.GetUtcNow(), account.ClosedAt);
        Assert.Null(await accounts.FindByHandleAsync(account.Platform, account.PlatformName, account.Handle));

        var told = Assert.Single(messenger.ToPeople);
        Assert.Equal(RequesterId, told.PersonId);
        Assert.Contains("It is Ada's personal account.", told.Message.Text, StringComparison.Ordinal);
        Assert.Contains("request account", told.Message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(messenger.ToPeople, sent => sent.PersonId == MaryId);

        Assert.Contains("already said", Text(await AddAsync(reference)), StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.NotOfficial, (await accounts.GetAsync(reference))!.Status);
    }

    [Fact]
    public async Task A_handle_already_in_the_register_is_refused_naming_the_account_that_has_it()
    {
        var request = AccountRequest.Submit("SMA-2026-0001", Ada, Details("handle=@LSHTM_Malaria|unitName=Malaria Centre"), SubmittedAt).Approve(Approver, SubmittedAt).Next!;
        await accounts.AddFromApprovedRequestAsync(request);

        var answer = await ClickAsync(RequesterId, "Ada Lovelace", OfficialAccountVerbs.SubmitRegistration, Form(Guid.NewGuid().ToString(), " lshtm_malaria "));

        Assert.True(IsCard(answer));
        Assert.Contains("The register already has Instagram @LSHTM_Malaria, for Malaria Centre (SMA-2026-0001)", Text(answer), StringComparison.Ordinal);
        Assert.Single(await accounts.ListAsync());

        // Two registrations of one handle: the second to be added is refused, naming the first.
        var first = await RegisterAsync(handle: "@twice");
        var second = await RegisterAsync(handle: "@TWICE");
        Assert.True(IsCard(await AddAsync(first)));
        Assert.Contains($"({first})", Text(await AddAsync(second)), StringComparison.Ordinal);
        Assert.Equal(OfficialAccountStatus.AwaitingComms, (await accounts.GetAsync(second))!.Status);
    }

    [Fact]
    public async Task Registrations_are_not_listed_in_the_register_until_added_and_are_in_the_registrants_data()
    {
        var reference = await RegisterAsync();
        var templates = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);
        var people = new ConfiguredPeople(Options.Create(new CommsOptions { ApproverIds = [ApproverId] }), Options.Create(new SupportOptions()));
        var pages = new RegisterPages(accounts, people, null!, templates, Options.Create(settings), time);

        Assert.DoesNotContain(reference, JsonSerializer.Serialize(await pages.PageAsync(RegisterList.Accounts, RegisterQuery.All, 0, CancellationToken.None)), StringComparison.Ordinal);
        Assert.DoesNotContain(reference, JsonSerializer.Serialize((await pages.MineAsync(RequesterId, CancellationToken.None)).Content), StringComparison.Ordinal);

        var retention = new OfficialAccountRetention(accounts, null!);
        var found = new List<TeamsPolicyBot.DataProtection.PersonalRecord>();
        await foreach (var record in retention.FindAsync(MaryId, new RetentionOptions(), deep: false, CancellationToken.None))
        {
            found.Add(record);
        }

        Assert.Contains("asked to become an administrator", Assert.Single(found).Roles);
        Assert.Contains("\"RegisteredBy\"", (await retention.ExportAsync(reference, CancellationToken.None))!.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        await AddAsync(reference);
        Assert.Contains(reference, JsonSerializer.Serialize((await pages.MineAsync(RequesterId, CancellationToken.None)).Content), StringComparison.Ordinal);
    }
}
