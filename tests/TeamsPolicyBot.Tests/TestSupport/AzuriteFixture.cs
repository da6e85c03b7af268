using System.Diagnostics;
using Azure.Data.Tables;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// Azurite's table service on a free loopback port, in memory, for the whole test run. Each
/// test asks for its own table prefix, so tests share the process but never each other's rows.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? azurite;
    private string? exitWithParentScript;

    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var root = FindRepoRoot();
        var main = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed ({main} is missing): run npm ci at the repo root ({root}).");
        }

        // Azurite must not outlive the test run, even if the runner is killed: the script makes
        // node exit as soon as our end of its stdin closes, which the OS does when we die.
        exitWithParentScript = Path.Combine(Path.GetTempPath(), $"azurite-exit-with-parent-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(exitWithParentScript, "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();");

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // A port found free can be taken before Azurite binds it; a retry on a new one is enough.
            var port = FreePort.Next();
            try
            {
                azurite = await StartAsync(main, port);
                Port = port;
                ConnectionString = ConnectionStringFor(port);
                return;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }
        }

        throw new InvalidOperationException("Azurite did not start on any of three ports.", last);
    }

    public async Task DisposeAsync()
    {
        if (azurite is { HasExited: false })
        {
            azurite.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await azurite.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                azurite.Kill(entireProcessTree: true);
            }
        }

        azurite?.Dispose();
        if (exitWithParentScript is not null)
        {
            File.Delete(exitWithParentScript);
        }
    }

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>A prefix no other test uses (table names: letters and digits, starting with a letter).</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Fresh, empty tables for one test.</summary>
    public async Task<TableStorage> CreateTablesAsync(string? prefix = null)
    {
        var storage = new TableStorage(new TableServiceClient(ConnectionString), prefix ?? NewTablePrefix());
        foreach (var name in TableNames.All)
        {
            await storage.GetTable(name).CreateIfNotExistsAsync();
        }

        return storage;
    }

    private async Task<Process> StartAsync(string main, int port)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--require", exitWithParentScript!, main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(started.Task, exited, Task.Delay(StartTimeout));
        if (first == started.Task)
        {
            return process;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        throw new InvalidOperationException($"Azurite did not start on port {port}: {string.Join(Environment.NewLine, output)}");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsPolicyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TeamsPolicyBot.sln above {AppContext.BaseDirectory}: cannot find the repo root (and its node_modules/azurite).");
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
