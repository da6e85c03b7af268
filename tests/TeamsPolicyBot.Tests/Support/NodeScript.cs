using System.ComponentModel;
using System.Diagnostics;

namespace TeamsPolicyBot.Tests.Support;

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

/// <summary>What a node script printed and how it ended.</summary>
public sealed record NodeResult(int ExitCode, string Stdout, string Stderr)
{
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the repository's Node.js tool scripts (node 20+ on PATH, npm tools in the root node_modules).</summary>
public static class NodeScript
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>node scriptRelativePath args...</c> in the repo root.</summary>
    public static Task<NodeResult> RunAsync(string scriptRelativePath, params string[] args) =>
        RunAsync(scriptRelativePath, new Dictionary<string, string?>(), args);

    /// <summary>
    /// Runs <c>node scriptRelativePath args...</c> in the repo root with extra environment variables
    /// (a null value removes the variable).
    /// </summary>
    public static async Task<NodeResult> RunAsync(
        string scriptRelativePath, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);

        var root = RepoPaths.Root;
        if (!Directory.Exists(Path.Combine(root, "node_modules")))
        {
            throw new InvalidOperationException($"{Path.Combine(root, "node_modules")} is missing: run npm ci at the repo root.");
        }

        var script = Path.Combine(root, scriptRelativePath);
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
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
            throw new InvalidOperationException("Could not start node: Node.js 20 or later must be on PATH.", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"node {scriptRelativePath} did not finish within {DefaultTimeout.TotalSeconds} s.\n" +
                $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }
}
