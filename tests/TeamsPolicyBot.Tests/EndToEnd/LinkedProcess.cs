using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// A child process (the bot, the Playground) that cannot outlive the test run: it is started
/// through a small node supervisor that stops it as soon as its stdin closes, and the OS closes
/// that pipe when the test process dies, however it dies (a crashed or killed test host included).
/// Its output is kept for readiness checks and for failure messages.
/// </summary>
internal sealed class LinkedProcess : IAsyncDisposable
{
    private const string SupervisorScript = """
        // Runs a command and stops it when our stdin closes (the test process holds the other end).
        'use strict';
        const { spawn } = require('node:child_process');
        const [command, ...args] = process.argv.slice(2);
        const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('error', (e) => { console.error(`cannot start ${command}: ${e.message}`); process.exit(127); });
        child.on('exit', (code) => process.exit(code ?? 128));
        process.stdin.on('end', () => {
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
        process.stdin.resume();
        """;

    // Named after its content: concurrent and later runs share one file instead of leaving one each.
    private static readonly Lazy<string> SupervisorPath = new(() =>
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SupervisorScript)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"teamspolicybot-supervisor-{hash}.cjs");
        if (!File.Exists(path))
        {
            // Written aside and moved into place, so no run ever reads half a script.
            var partial = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(partial, SupervisorScript);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    });

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly string name;
    private TaskCompletionSource outputChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LinkedProcess(string name, Process process)
    {
        this.name = name;
        this.process = process;
    }

    public bool HasExited => process.HasExited;

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts <paramref name="command"/> under the supervisor.</summary>
    public static LinkedProcess Start(
        string name, string command, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SupervisorPath.Value);
        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node for {name}.");
        var linked = new LinkedProcess(name, process);
        process.OutputDataReceived += (_, e) => linked.Append(e.Data);
        process.ErrorDataReceived += (_, e) => linked.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return linked;
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref outputChanged).Task;
            var match = output.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success);
            if (match is not null)
            {
                return match;
            }

            if (process.HasExited)
            {
                throw Failure($"exited (code {process.ExitCode}) before printing /{pattern}/");
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw Failure($"did not print /{pattern}/ within {timeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx (a readiness check, not a fixed wait).</summary>
    public async Task WaitUntilAnswersAsync(HttpClient http, Uri url, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw Failure($"exited (code {process.ExitCode}) before {url} answered");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw Failure($"{url} did not answer within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Kills it and its children at once (SIGKILL): no shutdown, no flush, as a crash would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public InvalidOperationException Failure(string what) =>
        new($"{name} {what}. Its output:{Environment.NewLine}{Output}");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // Closing stdin is the supervisor's cue to stop the child gracefully.
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        Interlocked.Exchange(ref outputChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
