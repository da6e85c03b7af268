using System.Globalization;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>The approve scenario's table on the console and its figures for the JSON result file.</summary>
internal static class ApproveReport
{
    public static void Print(ApproveScenario.Result result, int concurrency, string load)
    {
        var (under, concurrent) = (result.UnderLoad, result.Concurrent);
        var warmUp = Math.Min(ApproveScenario.WarmUpClicks, result.Requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Approve clicks: {(2 * result.Requests) + warmUp} pending requests (seeded through the bot's own submit invokes in {result.SeedSeconds:F0} s), each approved once by the Comms approver, the first {warmUp} to warm up; {Environment.ProcessorCount} cores; load average {load}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| approve invoke, ms | {result.Requests} clicks one at a time while {concurrency} chats send \"help\" ({result.ChatTurnsPerSecond:F0} turns/s): server side | same, HTTP at the client | {result.Requests} clicks, {concurrency} at a time, nothing else: server side | same, HTTP at the client | goal (server side, under load) |"));
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var p in new[] { 50.0, 90, 99, 100 })
        {
            var goal = p == 99 ? $"<= 100: {(under.ServerPercentile(99) <= 100 ? "met" : "**not met**")}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(p == 100 ? "max" : $"p{p:F0}")} | {under.ServerPercentile(p):F1} | {under.Percentile(p):F1} | {concurrent.ServerPercentile(p):F1} | {concurrent.Percentile(p):F1} | {goal} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| approvals/s | {under.PerSecond:F0} | | {concurrent.PerSecond:F0} | | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Errors} errors; decided exactly once with one notice and one card update each: {(result.Problems.Count == 0 ? "all" : $"{result.Problems.Count} problems")}"));
        if (result.TableOps.Count > 0)
        {
            var ops = result.TableOps;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Table operations per approval (the concurrent clicks), its messages' delivery included: {ops.Values.Sum() / (double)result.Requests:F1} ({string.Join(", ", ops.Select(op => string.Create(CultureInfo.InvariantCulture, $"{op.Key} {op.Value / (double)result.Requests:F1}")))})"));
        }

        result.Problems.Take(20).ToList().ForEach(Console.WriteLine);
    }

    public static object Figures(ApproveScenario.Result result) => new
    {
        result.Requests,
        result.SeedSeconds,
        result.ChatTurnsPerSecond,
        underLoad = Summary(result.UnderLoad),
        concurrent = Summary(result.Concurrent),
        result.Errors,
        result.Problems,
        result.TableOps,
    };

    private static object Summary(ApproveScenario.Clicks clicks) => new
    {
        p50 = clicks.Percentile(50),
        p90 = clicks.Percentile(90),
        p99 = clicks.Percentile(99),
        max = clicks.Percentile(100),
        serverP50 = clicks.ServerPercentile(50),
        serverP90 = clicks.ServerPercentile(90),
        serverP99 = clicks.ServerPercentile(99),
        serverMax = clicks.ServerPercentile(100),
        clicks.PerSecond,
        invokeMs = clicks.InvokeMs,
        serverMs = clicks.ServerMs,
    };
}
