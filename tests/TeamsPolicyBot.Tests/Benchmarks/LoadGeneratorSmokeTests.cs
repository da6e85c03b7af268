using System.Globalization;
using TeamsPolicyBot.Bench.LoadTest;
using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Benchmarks;

/// <summary>
/// Keeps scripts/bench.sh's load generator working against the built bot: a few seconds of "help"
/// turns through the loopback connector and the counting table proxy. Not a timed test: it asserts
/// that turns are answered without errors and that unchanged conversations write nothing.
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
        var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        await using var bot = LinkedProcess.Start("Bot under load", "dotnet", [
            BuiltBot.Dll,
            "--urls", url,
            "--MicrosoftAppId=",
            $"--ConnectionStrings:Tables={AzuriteFixture.ConnectionStringFor(proxy.Port)}",
            $"--TableStorage:TablePrefix={AzuriteFixture.NewTablePrefix()}",
            "--Comms:TeamId=19:comms-team@thread.tacv2",
            "--Comms:ChannelId=19:comms-approvals@thread.tacv2",
            $"--Comms:ApproverIds:0={BotApplicationFactory.ApproverAadId}",
            $"--Escalation:ContactIds:0={BotApplicationFactory.SeniorManagerAadId}",
            $"--Support:CaseHandlerIds:0={BotApplicationFactory.ApproverAadId}",
            $"--Comms:ServiceUrl={connector.Url}/",
        ], Path.GetDirectoryName(BuiltBot.Dll)!, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
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
}
