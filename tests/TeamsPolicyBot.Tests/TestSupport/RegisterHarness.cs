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
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// The register of official accounts against Azurite, as its workflow tests share it: the register, the reminders and the
/// card templates are the real ones on a moved clock; the messenger records what would be sent. Ada (the requester) runs
/// the accounts, Grace Hopper and Katherine Johnson (and whoever else a test names) are Comms approvers, and Mary
/// Somerville is the colleague Teams can find when she is picked.
/// </summary>
internal sealed class RegisterHarness
{
    public const string MaryId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";
    public const string StrangerId = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    private RegisterHarness(TableStorage storage, DateTimeOffset now, string[] approverIds)
    {
        Storage = storage;
        Time = new FakeTimeProvider(now);
        Options = Microsoft.Extensions.Options.Options.Create(Settings);
        Accounts = new OfficialAccountRepository(storage, Options);
        Reminders = new ReminderStore(storage, Time);
        People = new ConfiguredPeople(Microsoft.Extensions.Options.Options.Create(new CommsOptions { ApproverIds = [ApproverId, OtherApproverId, .. approverIds] }), Microsoft.Extensions.Options.Options.Create(new SupportOptions()));
        Administrators = new AdministratorFollowUp(Messenger.Object, Templates, NullLogger<AdministratorFollowUp>.Instance);
        Picker = new PickedPeople(Names.Object);
        Changes = new AdministratorChanges(Accounts, Administrators, People, Picker, Time);
    }

    /// <summary>Tables of their own in the shared Azurite, the clock at <paramref name="now"/>.</summary>
    public static async Task<RegisterHarness> CreateAsync(AzuriteFixture azurite, DateTimeOffset now, params string[] moreApproverIds)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new RegisterHarness(await azurite.CreateTablesAsync(), now, moreApproverIds);
    }

    public TableStorage Storage { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The <c>Accounts</c> settings, the defaults until a test changes them (the services read them when used).</summary>
    public AccountsOptions Settings { get; } = new();

    public IOptions<AccountsOptions> Options { get; }

    public RecordingMessenger Messenger { get; } = new();

    public CardTemplates Templates { get; } = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);

    public OfficialAccountRepository Accounts { get; }

    public ReminderStore Reminders { get; }

    public ConfiguredPeople People { get; }

    /// <summary>Who the Comms team's roster names; nobody unless a test sets it up.</summary>
    public Mock<IPersonNames> Names { get; } = new();

    public PickedPeople Picker { get; }

    public AdministratorFollowUp Administrators { get; }

    public AdministratorChanges Changes { get; }

    /// <summary>The audit's follow-up, with <paramref name="managers"/> (nobody's, unless given) and no request threads unless given.</summary>
    public AuditFollowUp Audits(IManagerDirectory? managers = null, IAccountRequests? requests = null) =>
        new(new ReminderScheduler(Reminders, Time), Messenger.Object, requests ?? new Mock<IAccountRequests>().Object, managers ?? new Mock<IManagerDirectory>().Object, new AuditCards(Templates), Options, NullLogger<AuditFollowUp>.Instance);

    /// <summary>Two reminder processors running <paramref name="handlers"/>, standing for two bot instances.</summary>
    public ReminderProcessor[] TwoInstances(params IReminderHandler[] handlers) =>
        [.. Enumerable.Range(0, 2).Select(_ => new ReminderProcessor(new ReminderStore(Storage, Time), handlers, Microsoft.Extensions.Options.Options.Create(new ReminderOptions()), Time, NullLogger<ReminderProcessor>.Instance))];

    /// <summary>Each instance polls once; returns how many reminders fired in all.</summary>
    public static async Task<int> PollAsync(IEnumerable<ReminderProcessor> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var fired = 0;
        foreach (var instance in instances)
        {
            fired += await instance.RunOnceAsync(CancellationToken.None);
        }

        return fired;
    }

    /// <summary>
    /// A request approved an hour after it was submitted, in the register: Ada requested it and, with
    /// <paramref name="alanAccepted"/>, Alan is its second administrator and counts (he has an Entra id).
    /// </summary>
    public async Task<OfficialAccount> AddApprovedAsync(string reference, string? details = null, bool alanAccepted = true)
    {
        var request = AccountRequest.Submit(reference, Ada, details is null ? Details() : Details(details), SubmittedAt).Approve(Approver, SubmittedAt.AddHours(1)).Next!;
        var account = await Accounts.AddFromApprovedRequestAsync(request);
        return !alanAccepted ? account : (await Accounts.ApplyAsync(reference, a => AccountTransition.To(a with
        {
            Administrators = [a.Administrators[0], new Administrator(SecondAdminId, "alan.turing@lshtm.ac.uk", "Alan Turing")],
        }))).Changed!;
    }

    /// <summary>A click from <paramref name="name"/> in their personal chat (or the Comms channel); Teams finds Mary in its roster, nobody else.</summary>
    public static Mock<ITurnContext> Turn(string aadId, string name, bool inChannel = false)
    {
        var turn = new Mock<ITurnContext>();
        turn.SetupGet(t => t.Activity).Returns(new Activity
        {
            Type = ActivityTypes.Invoke,
            From = new ChannelAccount { Id = "29:" + name, AadObjectId = aadId, Name = name },
            Conversation = inChannel
                ? new ConversationAccount { Id = "19:comms@thread.tacv2", ConversationType = "channel" }
                : new ConversationAccount { Id = "a:chat", ConversationType = "personal" },
        });
        turn.Setup(t => t.GetMemberAsync(MaryId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConnectorResult<TeamsChannelAccount>(ConnectorStatus.Succeeded, new TeamsChannelAccount { Id = "29:mary", Name = "Mary Somerville", Email = "mary.somerville@lshtm.ac.uk" }));
        turn.Setup(t => t.GetMemberAsync(It.Is<string>(id => id != MaryId), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConnectorResult<TeamsChannelAccount>(ConnectorStatus.NotInRoster, null));
        return turn;
    }
}
