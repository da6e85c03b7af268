using System.Runtime;

namespace TeamsPolicyBot.Hosting;

/// <summary>The <c>Hosting:JitProfile</c> settings: where a start-up's JIT profile is kept, and when it is written.</summary>
public sealed class StartupJitProfileOptions
{
    public const string SectionName = "Hosting:JitProfile";

    /// <summary>
    /// A directory local to the instance and kept across restarts (not a share several instances write to). Empty: no
    /// profile, the default; the Azure deployment sets none yet (App Service has no such directory), <c>scripts/bench.sh</c> does.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>How long after start-up the profile is written: start-up and the first turns are what it should hold.</summary>
    public TimeSpan SaveAfter { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Multicore JIT (<see cref="ProfileOptimization"/>): each start records which methods it compiled, and the next start
/// compiles them on the second core from that profile while the first builds the host, so the first turn finds them
/// ready. What ReadyToRun cannot precompile (generic code across the framework's version bubble: async state machines,
/// most of the JIT left at start-up, issue 14) is where this helps. A missing, stale or unreadable profile only means no
/// head start: the runtime checks each module's identity before using its entries.
/// </summary>
internal static class StartupJitProfile
{
    private const string FileName = "startup.jitprofile";

    /// <summary>Starts recording (and playing back the last start's profile) when a directory is configured. Call first.</summary>
    public static void UseStartupJitProfile(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(StartupJitProfileOptions.SectionName).Get<StartupJitProfileOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.Directory))
        {
            return;
        }

        if (settings.SaveAfter <= TimeSpan.Zero || settings.SaveAfter > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"{StartupJitProfileOptions.SectionName}:SaveAfter must be between a moment and an hour after start-up, such as 00:00:10.");
        }

        Directory.CreateDirectory(settings.Directory);
        ProfileOptimization.SetProfileRoot(settings.Directory);
        ProfileOptimization.StartProfile(FileName);
        builder.Services.AddHostedService(provider => new StartupJitProfileWriter(settings.SaveAfter, provider.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Writes the profile once start-up is over; without it, only a graceful exit would (a killed process never does).</summary>
    private sealed class StartupJitProfileWriter(TimeSpan saveAfter, TimeProvider time) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(saveAfter, time, stoppingToken).ConfigureAwait(false);
            ProfileOptimization.StartProfile(null); // stops recording and writes what was recorded
        }
    }
}
