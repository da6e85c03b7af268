using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Tests.People;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>
/// The daily leaver check on a moved clock, against Azurite and a loopback Graph driven through the real Graph client
/// (the app's own wiring): the register and the reminders (two processors standing for two bot instances) are the real
/// ones; the messenger records what would be sent. Ada and Alan run the account.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class LeaverCheckTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SMA-2026-0001";

    private static readonly DateTimeOffset ApprovedAt = SubmittedAt.AddHours(1);

    private readonly FakeTimeProvider time = new(ApprovedAt);
    private readonly RecordingMessenger messenger = new();
    private FakeGraph graph = null!;
    private ServiceProvider people = null!;
    private OfficialAccountRepository accounts = null!;
    private LeaverCheck check = null!;
    private ReminderProcessor[] instances = [];

    public async Task InitializeAsync()
    {
        graph = await FakeGraph.StartAsync();
        people = graph.BuildServices();
        var storage = await azurite.CreateTablesAsync();
        var options = Options.Create(new AccountsOptions());
        accounts = new OfficialAccountRepository(storage, options);
        var templates = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);
        var followUp = new AdministratorFollowUp(messenger.Object, templates, NullLogger<AdministratorFollowUp>.Instance);
        check = new LeaverCheck(
            accounts, followUp, new ReminderScheduler(new ReminderStore(storage, time), time), options, time,
            NullLogger<LeaverCheck>.Instance, people.GetRequiredService<IStaffDirectory>());
        instances =
        [
            .. Enumerable.Range(0, 2).Select(_ => new ReminderProcessor(new ReminderStore(storage, time), [check], Options.Create(new ReminderOptions()), time, NullLogger<ReminderProcessor>.Instance)),
        ];

        var request = AccountRequest.Submit(Reference, Ada, Details(), SubmittedAt).Approve(Approver, ApprovedAt).Next!;
        await accounts.AddFromApprovedRequestAsync(request);
        await accounts.ApplyAsync(Reference, a => AccountTransition.To(a with
        {
            Administrators = [a.Administrators[0], new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk", "Alan Turing")],
        }));
        await check.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await people.DisposeAsync();
        await graph.DisposeAsync();
    }

    private async Task<OfficialAccount> AccountAsync() => (await accounts.GetAsync(Reference))!;

    /// <summary>A day passes and both instances poll; returns how many runs fired in all.</summary>
    private async Task<int> NextDayAsync()
    {
        time.Advance(TimeSpan.FromDays(1));
        var fired = 0;
        foreach (var instance in instances)
        {
            fired += await instance.RunOnceAsync(CancellationToken.None);
        }

        return fired;
    }

    private int GraphLookupsOf(string id) => graph.GraphRequests.Count(request => request.PathAndQuery.StartsWith($"/v1.0/users/{id}?", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_disabled_administrator_is_marked_as_left_once_and_the_others_are_asked_to_act()
    {
        graph.User = (id, _) => Task.FromResult(FakeGraph.UserStatusJson(id, accountEnabled: !string.Equals(id, SecondAdminId, StringComparison.OrdinalIgnoreCase)));

        Assert.Equal(1, await NextDayAsync());

        var account = await AccountAsync();
        Assert.Equal(OfficialAccountStatus.NeedsAdministrator, account.Status);
        Assert.Equal([RequesterId], account.AdministratorIds);
        var left = account.History[^1];
        Assert.Equal((OfficialAccount.AdminActions.Left, "Alan Turing", LeaverCheck.Checker.Name), (left.Action, left.Detail, left.ActorName));
        Assert.Contains(graph.GraphRequests, request => request.PathAndQuery.Contains("$select=id,accountEnabled", StringComparison.OrdinalIgnoreCase));
        Assert.Single(messenger.ToComms, sent => sent.Message.Text!.Contains("Alan Turing left the university", StringComparison.Ordinal));
        Assert.Equal(TeamsPolicyBot.Configuration.CommsChannel.AccountRequests, Assert.Single(messenger.Channels).Channel);
        var card = Assert.Single(messenger.ToPeople, sent => sent.PersonId == RequesterId);
        Assert.Contains("password", System.Text.Json.JsonSerializer.Serialize(card.Message.Attachments![0].Content), StringComparison.OrdinalIgnoreCase);

        // The next day's run changes and says nothing: Alan is no longer an administrator, and an account that needs one
        // is not a running account (Comms already knows about it).
        var historyCount = account.History.Count;
        Assert.Equal(1, await NextDayAsync());
        Assert.Equal(historyCount, (await AccountAsync()).History.Count);
        Assert.Equal(1, GraphLookupsOf(SecondAdminId));
        Assert.Equal(1, GraphLookupsOf(RequesterId));
        Assert.Single(messenger.ToComms);
    }

    [Fact]
    public async Task Someone_deleted_from_the_directory_has_left()
    {
        graph.User = (id, _) => Task.FromResult(string.Equals(id, RequesterId, StringComparison.OrdinalIgnoreCase)
            ? FakeGraph.Error(HttpStatusCode.NotFound, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.")
            : FakeGraph.UserStatusJson(id, accountEnabled: true));

        await NextDayAsync();

        var account = await AccountAsync();
        Assert.Equal(OfficialAccountStatus.NeedsAdministrator, account.Status);
        Assert.Equal([SecondAdminId], account.AdministratorIds);
    }

    [Fact]
    public async Task Graph_down_changes_nothing_and_the_next_run_tries_again()
    {
        graph.User = (id, _) => Task.FromResult(string.Equals(id, SecondAdminId, StringComparison.OrdinalIgnoreCase)
            ? FakeGraph.Error(HttpStatusCode.ServiceUnavailable, "serviceNotAvailable", "The service is temporarily unavailable.")
            : FakeGraph.UserStatusJson(id, accountEnabled: false));

        Assert.Equal(1, await NextDayAsync());

        // Ada reads as disabled, but Alan could not be checked: nobody is judged on half an answer.
        var account = await AccountAsync();
        Assert.Equal(OfficialAccountStatus.Active, account.Status);
        Assert.Equal(2, account.Administrators.Count);
        Assert.Empty(messenger.ToComms);
        Assert.Empty(messenger.ToPeople);

        graph.User = (id, _) => Task.FromResult(FakeGraph.UserStatusJson(id, accountEnabled: !string.Equals(id, SecondAdminId, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, await NextDayAsync());
        Assert.Equal(OfficialAccountStatus.NeedsAdministrator, (await AccountAsync()).Status);
    }

    [Fact]
    public async Task Without_graph_nothing_is_scheduled()
    {
        var storage = await azurite.CreateTablesAsync();
        var store = new ReminderStore(storage, time);
        var noGraph = new LeaverCheck(
            accounts, null!, new ReminderScheduler(store, time), Options.Create(new AccountsOptions()), time, NullLogger<LeaverCheck>.Instance);
        await noGraph.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await new ReminderProcessor(store, [noGraph], Options.Create(new ReminderOptions()), time, NullLogger<ReminderProcessor>.Instance).RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public void The_interval_is_checked_at_start()
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new AccountsOptions { LeaverCheckInterval = TimeSpan.Zero };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true));
        Assert.Contains(problems, problem => problem.ErrorMessage!.Contains("Accounts:LeaverCheckInterval", StringComparison.Ordinal));
    }
}
