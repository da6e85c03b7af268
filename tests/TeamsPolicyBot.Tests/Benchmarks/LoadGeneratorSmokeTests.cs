using System.Globalization;
using Azure.Data.Tables;
using TeamsPolicyBot.Bench.LoadTest;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Benchmarks;

/// <summary>
/// Keeps scripts/bench.sh's load generator and its scenarios working against the built bot: a few seconds of
/// "help" turns through the loopback connector and the counting table proxy, a few approve clicks, a small
/// fan-out through the rate-limiting connector. Not timed tests: they assert that turns are answered without
/// errors, that unchanged conversations write nothing, and that every request is decided and every message
/// delivered exactly once.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class LoadGeneratorSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_load_generator_drives_the_built_bot_and_every_turn_is_answered()
    {
        await using var proxy = new CountingTableProxy($"http://127.0.0.1:{azurite.Port.ToString(CultureInfo.InvariantCulture)}");
        await proxy.StartAsync();
        await using var connector = new LoopbackConnector();
        await connector.StartAsync();
        var (bot, url) = StartBot(connector, AzuriteFixture.ConnectionStringFor(proxy.Port), AzuriteFixture.NewTablePrefix());
        await using var _ = bot;
        var generator = new LoadGenerator($"{url}/api/messages", connector);

        await generator.FirstAnsweredTurnAsync(System.Diagnostics.Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(90), () => bot.HasExited);
        await generator.RunAsync(concurrency: 4, TimeSpan.FromSeconds(1));
        var writesBefore = proxy.Writes;
        var result = await generator.RunAsync(concurrency: 4, TimeSpan.FromSeconds(3));

        Assert.True(result.Turns > 0, bot.Output);
        Assert.Equal(0, result.Errors);
        Assert.Equal(result.Turns, result.TurnMs.Length);
        Assert.Equal(0, proxy.Writes - writesBefore);
    }

    [Fact]
    public async Task The_approve_scenario_decides_every_request_once_and_queues_its_two_messages()
    {
        await using var proxy = new CountingTableProxy($"http://127.0.0.1:{azurite.Port.ToString(CultureInfo.InvariantCulture)}");
        await proxy.StartAsync();
        await using var connector = new LoopbackConnector();
        await connector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        var (bot, url) = await StartWarmBotAsync(connector, prefix, AzuriteFixture.ConnectionStringFor(proxy.Port));
        await using var _ = bot;

        var result = await ApproveScenario.RunAsync($"{url}/api/messages", connector, proxy, Tables(prefix), BotApplicationFactory.ApproverAadId, requests: 4, concurrency: 3);

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + bot.Output);
        Assert.Equal(0, result.Errors);
        Assert.Equal(4, result.UnderLoad.InvokeMs.Length);
        Assert.Equal(4, result.Concurrent.InvokeMs.Length);
        Assert.All(result.UnderLoad.InvokeMs.Concat(result.Concurrent.InvokeMs), ms => Assert.True(ms > 0));

        // The bot's own time, from its Server-Timing header: there for every click, and within what the client saw.
        Assert.All(result.UnderLoad.ServerMs.Concat(result.Concurrent.ServerMs), ms => Assert.True(ms > 0, $"server time {ms}"));
        Assert.True(result.Concurrent.ServerPercentile(100) <= result.Concurrent.Percentile(100));
        Assert.True(result.ChatTurnsPerSecond > 0, "the chats ran while the first clicks were made");
        Assert.Equal(8 + 4, connector.Threads.Count); // and 4 warm-up clicks

        // Each approval saves its request once; the counting proxy saw it (the table names lose the run's prefix).
        Assert.Equal(4, result.TableOps.GetValueOrDefault("PUT accountrequests"));
    }

    [Fact]
    public async Task The_fanout_scenario_delivers_every_notice_exactly_once_within_Teams_limits()
    {
        await using var connector = new LoopbackConnector();
        await connector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        var (bot, url) = await StartWarmBotAsync(connector, prefix);
        await using var _ = bot;

        // 120 notices: more than two seconds' worth of the per-app limit, so pacing (or 429s) must come into play.
        var result = await FanoutScenario.RunAsync(connector, Tables(prefix), notices: 120, TimeSpan.FromSeconds(90));

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + bot.Output);
        Assert.All(Enumerable.Range(0, 120), i => Assert.Equal(1, connector.DeliveriesTo("POST", FanoutScenario.Conversation(i))));
        Assert.Equal(2, result.MinimumSeconds);
        Assert.True(result.FirstToLastSeconds >= 2, $"120 sends at 50 a second cannot span less than 2 s, but took {result.FirstToLastSeconds:F2} s");
        Assert.True(result.FirstToLastSeconds <= result.QueuedToLastSeconds, "the span counts the notices only, not the bot's warm-up reply before them");
    }

    [Fact]
    public async Task The_loopback_connector_refuses_sends_beyond_Teams_limits_with_429_and_Retry_After()
    {
        await using var connector = new LoopbackConnector { Limits = ConnectorLimits.Teams() };
        await connector.StartAsync();
        using var http = new HttpClient();
        var statuses = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            using var response = await http.PostAsync(new Uri($"{connector.Url}/v3/conversations/a%3Aone-chat/activities"), new StringContent("{}"));
            statuses.Add((int)response.StatusCode);
            if (i == 8)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "a 429 says when to try again");
            }
        }

        // 7 in a second per chat, then refused; another chat is not held up by the first.
        Assert.Equal([200, 200, 200, 200, 200, 200, 200, 429, 429], statuses);
        using var other = await http.PostAsync(new Uri($"{connector.Url}/v3/conversations/a%3Aanother-chat/activities"), new StringContent("{}"));
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(7, connector.DeliveriesTo("POST", "a:one-chat"));
        Assert.Equal(2, connector.Throttled);
    }

    /// <summary>The built bot straight on Azurite with tables of its own, once it has answered a first turn.</summary>
    private async Task<(LinkedProcess Bot, string Url)> StartWarmBotAsync(LoopbackConnector connector, string prefix, string? tables = null)
    {
        var (bot, url) = StartBot(connector, tables ?? azurite.ConnectionString, prefix);
        try
        {
            await new LoadGenerator($"{url}/api/messages", connector).FirstAnsweredTurnAsync(System.Diagnostics.Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(90), () => bot.HasExited);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return (bot, url);
    }

    private TableStorage Tables(string prefix) => new(new TableServiceClient(azurite.ConnectionString), prefix);

    private static (LinkedProcess Bot, string Url) StartBot(LoopbackConnector connector, string tables, string prefix)
    {
        var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        var bot = LinkedProcess.Start("Bot under load", "dotnet", [
            BuiltBot.Dll,
            "--urls", url,
            "--MicrosoftAppId=",
            $"--ConnectionStrings:Tables={tables}",
            $"--TableStorage:TablePrefix={prefix}",
            "--Comms:TeamId=19:comms-team@thread.tacv2",
            "--Comms:ChannelId=19:comms-approvals@thread.tacv2",
            $"--Comms:ApproverIds:0={BotApplicationFactory.ApproverAadId}",
            $"--Escalation:ContactIds:0={BotApplicationFactory.SeniorManagerAadId}",
            $"--Support:CaseHandlerIds:0={BotApplicationFactory.ApproverAadId}",
            $"--Comms:ServiceUrl={connector.Url}/",
        ], Path.GetDirectoryName(BuiltBot.Dll)!, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        return (bot, url);
    }
}
