using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>
/// One app (and one fake Entra) for all the API tests, seeded once: they only read. One host, not one a test, also keeps
/// the test run within the machine's file watcher limit (every host watches its settings files).
/// </summary>
public sealed class WorkspaceApp(AzuriteFixture azurite) : IAsyncLifetime
{
    public FakeEntraIssuer Entra { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Entra = await FakeEntraIssuer.StartAsync();
        var factory = new BotApplicationFactory(azurite, "Production");
        Entra.Configure(factory.Settings);
        factory.Settings["Support:CaseHandlerIds:0"] = WorkspaceSeed.CaseHandler;
        App = factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(WorkspaceSeed.Now))));
        await WorkspaceSeed.SeedAsync(App.Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Entra.DisposeAsync();
    }
}

/// <summary>What the workspace's tests read: the moment they run at, the people, and the records seeded once.</summary>
internal static class WorkspaceSeed
{
    /// <summary>Nine days after the first request: it is in the last fifth of its ten days.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    internal const string CaseHandler = "3f0b9c2e-3333-4a6b-9c1d-000000000003";

    /// <summary>What one reporter typed for "Other" platform: free text, which the trends never show.</summary>
    internal const string SecretPlatform = "Jane Doe's private forum";

    /// <summary>Two requests waiting (one near its target, one sent again after changes), an urgent incident nobody took, a referral, an account whose audit is overdue and whose unit is a formula, and one without an administrator.</summary>
    internal static async Task SeedAsync(IServiceProvider services)
    {
        var requests = services.GetRequiredService<IAccountRequests>();
        await requests.CreateAsync(AccountRequestSamples.Pending("SMA-2026-0001"));
        // Sent back for changes and sent again yesterday: Comms' wait starts again from the resubmission, not from the first version five days ago.
        await requests.CreateAsync(AccountRequest.Submit("SMA-2026-0002", AccountRequestSamples.Ada, AccountRequestSamples.Details("handle=@lshtm_news"), Now.AddDays(-5))
            .RequestChanges(AccountRequestSamples.Approver, "Say who signs posts off.", Now.AddDays(-4)).Next!
            .Resubmit(AccountRequestSamples.Details("handle=@lshtm_news"), AccountRequestSamples.RequesterActor, Now.AddDays(-1), "second-version").Next!);
        await services.GetRequiredService<IIncidents>().CreateAsync(IncidentSamples.Reported());
        await services.GetRequiredService<ISupportReferrals>().CreateAsync(SupportSamples.Requested());

        await SeedTrendsAsync(services);

        var accounts = services.GetRequiredService<OfficialAccountRepository>();
        var approved = AccountRequest.Submit("SMA-2025-0009", AccountRequestSamples.Ada, AccountRequestSamples.Details(), Now.AddYears(-1))
            .Approve(AccountRequestSamples.Approver, Now.AddYears(-1)).Next!;
        var account = await accounts.AddFromApprovedRequestAsync(approved);
        await accounts.ReplaceAsync(account with { UnitName = "=HYPERLINK(\"https://evil.example\",\"Malaria, \"\"Centre\"\"\")", NextAuditDue = Now.AddDays(-2) });

        // Ada, one of its two administrators, left three days ago: it waits for a second one, eleven of its fourteen days to go.
        var orphaned = AccountRequest.Submit(OrphanedAccount, AccountRequestSamples.Ada, AccountRequestSamples.Details("handle=@lshtm_alumni|unitName=Alumni Network|unitType=network"), Now.AddYears(-1))
            .Approve(AccountRequestSamples.Approver, Now.AddYears(-1)).Next!;
        var alone = await accounts.AddFromApprovedRequestAsync(orphaned);
        await accounts.ReplaceAsync(alone.MarkLeft(AccountRequestSamples.Approver, AccountRequestSamples.RequesterId, Now.AddDays(-3)).Next!);
    }

    /// <summary>The official account one of whose two administrators left: waiting for a second one.</summary>
    internal const string OrphanedAccount = "SMA-2025-0011";

    /// <summary>
    /// Decided requests, taken incidents and taken referrals for the trends: none of them waits, so the queue is unchanged.
    /// Requests were decided after 2, 4 and 6 days (and one withdrawn); incidents taken after 1, 3, 5 and 7 hours; six
    /// referrals in January taken after 1 to 6 hours. The approved SMA-2025-0009 (March 2025) is before the twelve months.
    /// </summary>
    private static async Task SeedTrendsAsync(IServiceProvider services)
    {
        var requests = services.GetRequiredService<IAccountRequests>();
        AccountRequest Submitted(string reference, DateTimeOffset at) => AccountRequest.Submit(reference, AccountRequestSamples.Ada, AccountRequestSamples.Details(), at);
        var jan5 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var jan12 = new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
        var feb3 = new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);
        var feb10 = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);
        await requests.CreateAsync(Submitted("SMA-2026-0010", jan5).Approve(AccountRequestSamples.Approver, jan5.AddDays(2)).Next!);
        await requests.CreateAsync(Submitted("SMA-2026-0011", jan12).Approve(AccountRequestSamples.Approver, jan12.AddDays(4)).Next!);
        await requests.CreateAsync(Submitted("SMA-2026-0012", feb3).Reject(AccountRequestSamples.Approver, RejectReason.Duplicate, null, feb3.AddDays(6)).Next!);
        await requests.CreateAsync(Submitted("SMA-2026-0013", feb10).Withdraw(AccountRequestSamples.RequesterActor, feb10.AddDays(1)).Next!);

        var incidents = services.GetRequiredService<IIncidents>();
        Incident Taken(string reference, DateTimeOffset at, int hours, string platform, string kind) =>
            (IncidentSamples.Reported(inputs =>
            {
                inputs["platform"] = platform;
                inputs["platformOther"] = platform == "other" ? SecretPlatform : "";
                inputs["kind"] = kind;
                inputs["urgency"] = "normal";
            }) with
            { Reference = reference, CreatedAt = at }).Take(IncidentSamples.Triager, at.AddHours(hours)).Next!;
        var jan20 = new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);
        var feb2 = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        await incidents.CreateAsync(Taken("INC-2026-0101", jan20, 1, "instagram", "harassment").Resolve(IncidentSamples.Triager, "noAction", null, jan20.AddDays(1)).Next!);
        await incidents.CreateAsync(Taken("INC-2026-0102", feb2, 3, "facebook", "misinformation").Escalate(IncidentSamples.Triager, feb2.AddHours(4)).Next!);
        await incidents.CreateAsync(Taken("INC-2026-0103", new DateTimeOffset(2026, 2, 14, 9, 0, 0, TimeSpan.Zero), 5, "instagram", "reputation"));
        await incidents.CreateAsync(Taken("INC-2026-0104", new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero), 7, "other", "other"));

        var referrals = services.GetRequiredService<ISupportReferrals>();
        for (var day = 1; day <= 6; day++)
        {
            var at = new DateTimeOffset(2026, 1, day, 9, 0, 0, TimeSpan.Zero);
            var referral = SupportSamples.Requested() with { Reference = $"HSR-2026-02{day:00}", CreatedAt = at };
            await referrals.CreateAsync(referral.Take(SupportSamples.Handler, at.AddHours(day)).Next!);
        }
    }
}
