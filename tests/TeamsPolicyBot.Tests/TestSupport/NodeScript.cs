using System.ComponentModel;
using System.Diagnostics;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the nearest folder above the test binaries holding TeamsPolicyBot.sln.</summary>
    public static string Root => RootPath.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsPolicyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TeamsPolicyBot.sln.");
    }
}

/// <summary>What a child process printed and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a program to its end and keeps what it printed: the repository's scripts, the Bicep CLI.</summary>
public static class ChildProcess
{
    /// <param name="environment">Extra environment variables; a null value removes the variable.</param>
    public static async Task<ProcessResult> RunAsync(
        string command, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var startInfo = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {command}: is it installed and on PATH?", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{command} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s.\n" +
                $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Runs the repository's Node.js tool scripts (node 20+ on PATH, npm tools in the root node_modules).</summary>
public static class NodeScript
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>node scriptRelativePath args...</c> in the repo root.</summary>
    public static Task<ProcessResult> RunAsync(string scriptRelativePath, params string[] args) =>
        RunAsync(scriptRelativePath, new Dictionary<string, string?>(), args);

    /// <summary>
    /// Runs <c>node scriptRelativePath args...</c> in the repo root with extra environment variables
    /// (a null value removes the variable).
    /// </summary>
    public static Task<ProcessResult> RunAsync(
        string scriptRelativePath, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = RepoPaths.Root;
        if (!Directory.Exists(Path.Combine(root, "node_modules")))
        {
            throw new InvalidOperationException($"{Path.Combine(root, "node_modules")} is missing: run npm ci at the repo root.");
        }

        return ChildProcess.RunAsync("node", [Path.Combine(root, scriptRelativePath), .. args], root, environment, DefaultTimeout);
    }
}
