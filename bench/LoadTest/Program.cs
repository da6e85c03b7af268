using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Bench.LoadTest;

// Usage (scripts/bench.sh passes all of it):
//   TeamsPolicyBot.Bench.LoadTest --azurite-port N --bot-dll PATH --baseline-dll PATH
//     [--rounds 3] [--seconds 20] [--warmup 5] [--concurrency 32] [--out FILE]
//     [--scenario turns|my-requests|approve|fanout] [--requests 100 (approve)] [--notices 1000 (fanout)] [-- bot settings...]
internal static class BenchRunner
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

        await using var proxy = new CountingTableProxy($"http://127.0.0.1:{options.AzuritePort}");
        await proxy.StartAsync();
        await using var connector = new LoopbackConnector();
        await connector.StartAsync();
        var tables = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint={proxy.Url}/devstoreaccount1;";

        var servers = new (string Name, string Dll, string[] Args)[]
        {
            ("baseline", options.BaselineDll, [$"--ConnectionStrings:Tables={tables}"]),
            ("bot", options.BotDll, [$"--ConnectionStrings:Tables={tables}", "--MicrosoftAppId=", .. options.BotArgs, $"--Comms:ServiceUrl={connector.Url}/"]),
        };

        switch (options.Scenario)
        {
            case "my-requests":
                return await MyRequestsAsync();
            case "approve":
                return await ApproveAsync();
            case "fanout":
                return await FanoutAsync();
            case "turns":
                break;
            default:
                throw new ArgumentException($"--scenario must be turns, my-requests, approve or fanout (not \"{options.Scenario}\").");
        }

        var rounds = new List<RoundResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (name, dll, serverArgs) in servers)
            {
                var result = await RunRoundAsync(name, dll, serverArgs);
                rounds.Add(result with { Round = round });
                Console.Error.WriteLine($"round {round} {name}: {result.TurnsPerSecond:F0} turns/s, p99 {result.P99:F1} ms, {result.Errors} errors, {result.TableOpsPerTurn:F2} table ops/turn");
            }
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        var rows = Row.All.Select(row => (row, Baseline: Median(rounds, "baseline", row.Value), Bot: Median(rounds, "bot", row.Value))).ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{options.Rounds} rounds x {options.Seconds} s (warm-up {options.Warmup} s), {options.Concurrency} concurrent conversations, medians; {Environment.ProcessorCount} cores; load average {load}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        table.AppendLine();
        table.AppendLine("| | baseline | bot | bot / baseline |");
        table.AppendLine("|---|---:|---:|---:|");
        foreach (var (row, baseline, bot) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {baseline.ToString(row.Format, CultureInfo.InvariantCulture)} | {bot.ToString(row.Format, CultureInfo.InvariantCulture)} | {(baseline == 0 ? "-" : (bot / baseline).ToString("F2", CultureInfo.InvariantCulture) + "x")} |");
        }

        Console.WriteLine(table.ToString());
        var output = options.Out ?? Path.Combine("test-output", "bench", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new
        {
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString(), loadAverage = load },
            date = DateTime.UtcNow,
            settings = new { options.Rounds, options.Seconds, options.Warmup, options.Concurrency },
            medians = rows.ToDictionary(r => r.row.Name, r => new { r.Baseline, r.Bot, ratio = r.Baseline == 0 ? (double?)null : r.Bot / r.Baseline }),
            rounds,
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Console.WriteLine($"Result file: {output}");
        return rounds.Any(r => r.Errors > 0) ? 1 : 0;

        async Task<RoundResult> RunRoundAsync(string name, string dll, string[] serverArgs)
        {
            var port = FreePort();
            // Run from the app's folder, as App Service does: the content root (appsettings.json) is the working directory.
            dll = Path.GetFullPath(dll);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            foreach (var arg in serverArgs)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            var log = new StringBuilder();
            var since = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var generator = new LoadGenerator($"http://127.0.0.1:{port}/api/messages", connector, options.NewConversationEachTurn);
                var coldStart = await generator.FirstAnsweredTurnAsync(since, TimeSpan.FromSeconds(60), () => process.HasExited);
                await generator.RunAsync(options.Concurrency, TimeSpan.FromSeconds(options.Warmup));
                var cpuBefore = CpuMs(process.Id);
                var (readsBefore, writesBefore) = (proxy.Reads, proxy.Writes);
                var result = await generator.RunAsync(options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
                var cpu = CpuMs(process.Id) - cpuBefore;
                var (reads, writes) = (proxy.Reads - readsBefore, proxy.Writes - writesBefore);
                var turns = Math.Max(1, result.Turns);
                int logLines;
                lock (log)
                {
                    logLines = log.ToString().Split('\n').Count(line => line.Length > 0);
                }

                return new RoundResult(name, 0, result.TurnsPerSecond, result.TurnPercentile(50), result.TurnPercentile(90), result.TurnPercentile(99),
                    result.HttpPercentile(99), result.Errors, PeakRssMb(process.Id), coldStart.TotalSeconds, cpu / turns,
                    (double)(reads + writes) / turns, (double)writes / turns, logLines);
            }
            catch
            {
                lock (log)
                {
                    Console.Error.WriteLine($"{name} failed; its output:\n{log}");
                }

                throw;
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }

        async Task<int> MyRequestsAsync()
        {
            var direct = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{options.AzuritePort}/devstoreaccount1;";
            var lines = new List<string>();
            var ok = true;
            foreach (var size in new[] { 1_000, 100_000 })
            {
                var prefix = $"mr{size}x{Random.Shared.Next(100_000)}";
                var seeding = Stopwatch.StartNew();
                await MyRequestsScenario.SeedAsync(direct, prefix + "myrequests", size);
                var (process, botUrl) = await StartBotAsync(prefix);
                try
                {
                    var generator = new LoadGenerator(botUrl, connector);
                    await generator.TurnAsync(MyRequestsScenario.Worker, 0, CancellationToken.None);
                    proxy.CountEntities = true;
                    var before = proxy.EntitiesRead;
                    var (answered, ms, _) = await generator.TurnAsync(MyRequestsScenario.Worker, 1, CancellationToken.None, "my requests");
                    var read = proxy.EntitiesRead - before;
                    proxy.CountEntities = false;
                    ok &= answered && read <= 50 + 50;
                    lines.Add($"| {size:N0} | {read} | {(answered ? ms.ToString("F1", CultureInfo.InvariantCulture) : "not answered")} | {seeding.Elapsed.TotalSeconds:F0} s |");
                }
                finally
                {
                    await StopAsync(process);
                }
            }

            Console.WriteLine("My requests (the list shows 50; the bound is the results plus one page of 50 = 100 entities):");
            Console.WriteLine();
            Console.WriteLine("| rows in the table | entities read for one person's list | turn ms | seeding |");
            Console.WriteLine("|---:|---:|---:|---:|");
            lines.ForEach(Console.WriteLine);
            return ok ? 0 : 1;
        }

        // The bot in a fresh process with tables of its own, warm (one "help" turn answered); its output is dropped.
        async Task<(Process Process, string Url)> StartBotAsync(string prefix)
        {
            var port = FreePort();
            var bot = Path.GetFullPath(options.BotDll);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(bot)! };
            foreach (var arg in new[] { bot, "--urls", $"http://127.0.0.1:{port}", $"--TableStorage:TablePrefix={prefix}" }.Concat(servers[1].Args))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var url = $"http://127.0.0.1:{port}/api/messages";
            try
            {
                await new LoadGenerator(url, connector).FirstAnsweredTurnAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(60), () => process.HasExited);
            }
            catch
            {
                await StopAsync(process);
                throw;
            }

            return (process, url);
        }

        static async Task StopAsync(Process process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        TableStorage BotTables(string prefix) => new(new Azure.Data.Tables.TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{options.AzuritePort}/devstoreaccount1;"), prefix);

        string Setting(string key) => options.BotArgs.Select(a => a.TrimStart('-')).FirstOrDefault(a => a.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..]
            ?? throw new ArgumentException($"The bot settings after -- must include --{key}= (scripts/playground-ids.cjs gives it).");

        async Task<int> ApproveAsync()
        {
            var prefix = $"ap{Random.Shared.Next(1_000_000)}";
            var (process, url) = await StartBotAsync(prefix);
            ApproveScenario.Result result;
            try
            {
                result = await ApproveScenario.RunAsync(url, connector, proxy, BotTables(prefix), Setting("Comms:ApproverIds:0"), options.Requests, options.Concurrency);
            }
            finally
            {
                await StopAsync(process);
            }

            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
            ApproveReport.Print(result, options.Concurrency, load);
            await WriteResultAsync("approve", load, ApproveReport.Figures(result));
            return result.Errors == 0 && result.Problems.Count == 0 ? 0 : 1;
        }

        async Task<int> FanoutAsync()
        {
            var prefix = $"fo{Random.Shared.Next(1_000_000)}";
            var (process, _) = await StartBotAsync(prefix);
            FanoutScenario.Result result;
            try
            {
                result = await FanoutScenario.RunAsync(connector, BotTables(prefix), options.Notices, TimeSpan.FromSeconds(120 + (options.Notices / 10.0)));
            }
            finally
            {
                await StopAsync(process);
            }

            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fan-out: {result.Notices} notices to {result.Notices} people's chats, queued through the bot's outbox in {result.EnqueueSeconds:F1} s; the loopback connector enforces Teams' limits (per chat 7/1 s, 8/2 s, 60/30 s, 1800/1 h; per app 50/1 s) with 429 + Retry-After; {Environment.ProcessorCount} cores; load average {load}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
            Console.WriteLine();
            Console.WriteLine("| | s | goal |");
            Console.WriteLine("|---|---:|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first delivery to last | {result.FirstToLastSeconds:F1} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| least the limits allow | {result.MinimumSeconds:F1} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio | {result.Ratio:F2}x | <= 1.1x: {(result.Ratio <= 1.1 ? "met" : "**not met**")} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| start of queueing to last delivery | {result.QueuedToLastSeconds:F1} | |"));
            Console.WriteLine();
            Console.WriteLine($"{result.Throttled} sends refused with 429; every notice delivered exactly once: {(result.Problems.Count == 0 ? "yes" : string.Join("; ", result.Problems))}");
            await WriteResultAsync("fanout", load, new { result.Notices, result.EnqueueSeconds, result.FirstToLastSeconds, result.MinimumSeconds, ratio = result.Ratio, result.QueuedToLastSeconds, result.Throttled, result.Problems });
            return result.Problems.Count == 0 ? 0 : 1;
        }

        async Task WriteResultAsync(string scenario, string load, object figures)
        {
            var output = options.Out ?? Path.Combine("test-output", "bench", $"bench-{scenario}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new
            {
                scenario,
                machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString(), loadAverage = load },
                date = DateTime.UtcNow,
                settings = new { options.Concurrency, options.Requests, options.Notices },
                figures,
            }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            Console.WriteLine($"Result file: {output}");
        }

        static double Median(List<RoundResult> rounds, string name, Func<RoundResult, double> value)
        {
            var values = rounds.Where(r => r.Name == name).Select(value).Order().ToArray();
            return values.Length == 0 ? double.NaN : values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        }

        static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>User + system CPU of a process, in ms (Linux /proc; clock ticks are 100 a second).</summary>
        static double CpuMs(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }

        /// <summary>The process's peak resident set (VmHWM), in MB.</summary>
        static double PeakRssMb(int pid)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }
}

internal sealed record RoundResult(string Name, int Round, double TurnsPerSecond, double P50, double P90, double P99, double HttpP99,
    long Errors, double PeakRssMb, double ColdStartSeconds, double CpuMsPerTurn, double TableOpsPerTurn, double TableWritesPerTurn, int LogLines);

internal sealed record Row(string Name, string Format, Func<RoundResult, double> Value)
{
    public static readonly Row[] All =
    [
        new("turns/s", "F0", r => r.TurnsPerSecond),
        new("p50 ms", "F1", r => r.P50),
        new("p90 ms", "F1", r => r.P90),
        new("p99 ms", "F1", r => r.P99),
        new("HTTP p99 ms", "F1", r => r.HttpP99),
        new("errors", "F0", r => r.Errors),
        new("peak RSS MB", "F0", r => r.PeakRssMb),
        new("cold start to first answered turn s", "F2", r => r.ColdStartSeconds),
        new("CPU ms/turn", "F2", r => r.CpuMsPerTurn),
        new("table ops/turn", "F2", r => r.TableOpsPerTurn),
        new("table writes/turn", "F2", r => r.TableWritesPerTurn),
        new("log lines (whole run)", "F0", r => r.LogLines),
    ];
}

internal sealed record Options(int AzuritePort, string BotDll, string BaselineDll, int Rounds, int Seconds, int Warmup, int Concurrency, string? Out, string[] BotArgs, string Scenario = "turns", bool NewConversationEachTurn = false, int Requests = 100, int Notices = 1000)
{
    public static Options Parse(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        var own = split < 0 ? args : args[..split];
        var rest = split < 0 ? [] : args[(split + 1)..];
        string? Get(string name) => Array.IndexOf(own, name) is var i and >= 0 && i + 1 < own.Length ? own[i + 1] : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            Int("--azurite-port", 0) is var p and > 0 ? p : throw new ArgumentException("--azurite-port is required"),
            Get("--bot-dll") ?? throw new ArgumentException("--bot-dll is required"),
            Get("--baseline-dll") ?? throw new ArgumentException("--baseline-dll is required"),
            Int("--rounds", 3), Int("--seconds", 20), Int("--warmup", 5), Int("--concurrency", 32), Get("--out"), rest, Get("--scenario") ?? "turns", own.Contains("--new-conversation-each-turn"),
            Int("--requests", 100), Int("--notices", 1000));
    }
}
