using System.Diagnostics;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Storage;
using Activity = TeamsPolicyBot.Protocol.Schema.Activity;

namespace TeamsPolicyBot.Bench.LoadTest;

/// <summary>
/// A fan-out (issue 14: within 1.1x of the fastest Teams allows). N notices to N people, each in their own
/// personal chat, are queued through the bot's own outbox (<see cref="OutboxStore"/>, the class the bot's
/// workflows enqueue with, writing the same rows); the running bot's outbox worker sends them to the loopback
/// connector, which enforces Teams' limits and answers 429 with Retry-After beyond them. Measured: from the first
/// delivery to the last, against the least time the per-app limit allows (50 in any second: the last of N can go
/// no sooner than ceil(N / 50) - 1 seconds after the first). Checked: every notice delivered exactly once.
/// </summary>
internal static class FanoutScenario
{
    public sealed record Result(int Notices, double EnqueueSeconds, double FirstToLastSeconds, double QueuedToLastSeconds, double MinimumSeconds, long Throttled, IReadOnlyList<string> Problems)
    {
        public double Ratio => MinimumSeconds <= 0 ? double.NaN : FirstToLastSeconds / MinimumSeconds;
    }

    public static string Conversation(int i) => $"a:bench-fanout-{i}";

    public static async Task<Result> RunAsync(LoopbackConnector connector, TableStorage storage, int notices, TimeSpan timeout)
    {
        var limits = ConnectorLimits.Teams();
        connector.Limits = limits;
        connector.StartSpan();
        var throttledBefore = connector.Throttled;
        var outbox = new OutboxStore(storage, TimeProvider.System);
        var queued = Stopwatch.StartNew();
        await ApproveScenario.ClosedLoopAsync(notices, 16, i =>
            outbox.EnqueueAsync(OutboxMessage.Send(connector.Url + "/", Conversation(i), Activity.CreateMessage($"Bench notice {i}: the policy was updated; please read section 4."))));
        var enqueueSeconds = queued.Elapsed.TotalSeconds;

        int Delivered(int i) => connector.DeliveriesTo("POST", Conversation(i));
        var done = await ApproveScenario.WaitUntilAsync(() => Enumerable.Range(0, notices).All(i => Delivered(i) > 0), timeout);
        var queuedToLast = queued.Elapsed.TotalSeconds;
        var (first, last) = connector.AcceptedSpan;
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a second copy, were one on its way
        connector.Limits = null;

        var problems = new List<string>();
        var missing = Enumerable.Range(0, notices).Where(i => Delivered(i) == 0).ToList();
        var twice = Enumerable.Range(0, notices).Where(i => Delivered(i) > 1).ToList();
        if (!done || missing.Count > 0)
        {
            problems.Add($"{missing.Count} of {notices} notices not delivered within {timeout.TotalSeconds:F0} s");
        }

        if (twice.Count > 0)
        {
            problems.Add($"{twice.Count} notices delivered more than once (first: {Conversation(twice[0])})");
        }

        var (limit, window) = limits.PerApp[0];
        var minimum = (Math.Ceiling(notices / (double)limit) - 1) * window.TotalSeconds;
        return new Result(notices, enqueueSeconds, Stopwatch.GetElapsedTime(first, last).TotalSeconds, queuedToLast, minimum, connector.Throttled - throttledBefore, problems);
    }
}
