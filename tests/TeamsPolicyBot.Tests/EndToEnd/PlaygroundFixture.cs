using System.Globalization;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The whole local stack, once for all end-to-end tests: Azurite, the built bot (Development,
/// inbound auth off, configured from .m365agentsplayground.yml like scripts/run-local.sh does)
/// and Microsoft 365 Agents Playground in front of it, each on a free loopback port.
/// </summary>
public sealed partial class PlaygroundFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly AzuriteFixture azurite = new();
    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), $"teamspolicybot-e2e-{Guid.NewGuid():N}");
    private LinkedProcess? bot;
    private LinkedProcess? playground;
    private PlaygroundClient? client;

    public PlaygroundTenant Tenant { get; private set; } = null!;

    public PlaygroundClient Client => client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Every request the Playground sent the bot and every one the bot sent back, verbatim.</summary>
    public PlaygroundRecording Recording { get; private set; } = null!;

    public Uri PlaygroundUrl { get; private set; } = null!;

    public Uri BotUrl { get; private set; } = null!;

    /// <summary>The bot's storage, for tests that look at what it keeps (the retention schedule).</summary>
    public string TablesConnectionString => azurite.ConnectionString;

    /// <summary>
    /// A support referral's retention period in this run: short, so a test can watch the sweep delete one, and long enough
    /// that the other tests' withdrawn and closed referrals are still there when they look at them.
    /// </summary>
    public static readonly TimeSpan SupportReferralRetention = TimeSpan.FromSeconds(90);

    /// <summary>
    /// From an account's approval (and each audit Comms continues) to its next audit in this run: short, so a test can
    /// watch the audit card arrive. Every account approved in this run is audited this soon, so the tests that count what
    /// reaches Sam's chat leave audit cards out (<see cref="PlaygroundWorkflowTests.IsYearlyAudit"/>).
    /// </summary>
    public static readonly TimeSpan AuditInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often the bot looks for due reminders in this run (15 s in production): an audit card comes at most this late.</summary>
    public static readonly TimeSpan ReminderPollInterval = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (playground is not null)
        {
            await playground.DisposeAsync();
        }

        if (bot is not null)
        {
            await bot.DisposeAsync();
        }

        await azurite.DisposeAsync();
        try
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }
    }

    /// <summary>What a failing test should show: the bot's and the Playground's own output.</summary>
    public string Diagnostics() =>
        $"--- bot ---{Environment.NewLine}{bot?.Output}{Environment.NewLine}--- Playground ---{Environment.NewLine}{playground?.Output}";

    private async Task StartAsync()
    {
        Directory.CreateDirectory(workDirectory);
        // The Playground reads the yml from its working directory and writes devTools/ there:
        // a copy in a temp folder keeps the repository clean.
        var yml = Path.Combine(workDirectory, ".m365agentsplayground.yml");
        File.Copy(Path.Combine(RepoPaths.Root, ".m365agentsplayground.yml"), yml);

        var tenantTask = PlaygroundTenant.LoadAsync(yml);
        await azurite.InitializeAsync();
        Tenant = await tenantTask;

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // The bot is told the Playground's connector URL up front (as run-local.sh does), so it can read the Comms
        // team's roster before anything happens in the team. A port found free can be taken before the Playground
        // binds it, and then it silently listens elsewhere while its activities still name the port we passed:
        // start both again.
        for (var attempt = 1; ; attempt++)
        {
            var playgroundUrl = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
            await StartBotAsync(probe, playgroundUrl);
            if (await TryStartPlaygroundAsync(probe, playgroundUrl))
            {
                break;
            }

            await playground!.DisposeAsync();
            playground = null;
            await bot!.DisposeAsync();
            bot = null;
            if (attempt == 3)
            {
                throw new InvalidOperationException("The Playground found its port taken three times.");
            }
        }

        client = await PlaygroundClient.ConnectAsync(PlaygroundUrl, Tenant);
    }

    private async Task StartBotAsync(HttpClient probe, string playgroundUrl)
    {
        var settings = new Dictionary<string, string>
        {
            // This fixture's own in-memory Azurite: every run starts with empty tables.
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
        };
        foreach (var (key, value) in Tenant.Settings)
        {
            settings[key] = value;
        }

        settings["Comms:ServiceUrl"] = $"{playgroundUrl}/_connector";

        // Only support referrals are kept briefly: the other periods (and so the longest one, which keeps people's
        // conversation references) stay years long, and the sweep runs as often as the setting allows.
        settings["Retention:SupportReferrals"] = SupportReferralRetention.ToString("c");
        settings["Retention:SweepInterval"] = "00:01:00";

        // The yearly audit comes round in seconds. An account reads as "Audit due" only once its date has passed
        // (AuditDueWithin 0), so "accounts" shows one Comms has just continued as Active with its next date.
        settings["Accounts:AuditInterval"] = AuditInterval.ToString("c");
        settings["Accounts:AuditDueWithin"] = "00:00:00";
        settings["Reminders:PollInterval"] = ReminderPollInterval.ToString("c");

        // Sam starts many accounts in a run; "my accounts" lists the newest last (soonest audit first), so all on one card.
        settings["Accounts:PageSize"] = "25";
        (bot, BotUrl) = await BuiltBot.StartAsync(probe, settings);
    }

    /// <summary>Starts the Playground on <paramref name="url"/>'s port; false when it found the port taken and listens elsewhere.</summary>
    private async Task<bool> TryStartPlaygroundAsync(HttpClient probe, string url)
    {
        var cli = Path.Combine(RepoPaths.Root, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed ({cli} is missing): run npm ci at the repo root.");
        }

        var recording = Path.Combine(workDirectory, "events-recording.log");
        Recording = new PlaygroundRecording(recording);
        var port = new Uri(url).Port.ToString(CultureInfo.InvariantCulture);
        playground = LinkedProcess.Start("The Playground", "node", [
            cli,
            "-e", new Uri(BotUrl, "/api/messages").ToString(),
            "-c", "msteams",
            "-p", port,
            "--service-url", $"{url}/_connector",
            "--disable-telemetry",
            "--enable-events-recording",
        ], workDirectory, new Dictionary<string, string>
        {
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
            ["M365_AGENTS_PLAYGROUND_RECORDING_FILE"] = recording,
            ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "m365agentsplayground.log"),
        });

        Match listening;
        try
        {
            listening = await playground.WaitForOutputAsync(ListeningOn(), StartTimeout);
            if (listening.Groups[1].Value != port)
            {
                return false;
            }

            // It validates the yml only after it listens, and then exits.
            await playground.WaitUntilAnswersAsync(probe, new Uri(url + "/_debug/ping"), StartTimeout);
        }
        catch (InvalidOperationException ex)
        {
            // It explains a rejected yml only in its log file.
            var log = Path.Combine(workDirectory, "m365agentsplayground.log");
            var reasons = File.Exists(log)
                ? (await File.ReadAllLinesAsync(log)).Where(line => line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("warn", StringComparison.Ordinal))
                : [];
            throw new InvalidOperationException(string.Join(Environment.NewLine, reasons.Prepend(ex.Message)), ex);
        }

        PlaygroundUrl = new Uri(url);
        return true;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningOn();
}

[CollectionDefinition(Name)]
public sealed class PlaygroundTests : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Agents Playground";
}
