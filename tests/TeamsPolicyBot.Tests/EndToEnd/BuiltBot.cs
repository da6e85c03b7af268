using System.Globalization;
using System.Reflection;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The bot as built (bin/&lt;configuration&gt;/net10.0/TeamsPolicyBot.dll), started as its own process in
/// Development with inbound auth off, on a free loopback port, and ready once /healthz answers.
/// </summary>
internal static class BuiltBot
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>bin/&lt;this test build's configuration&gt;/net10.0/TeamsPolicyBot.dll; throws when it is not built.</summary>
    public static string Dll
    {
        get
        {
            var configuration = typeof(BuiltBot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var dll = Path.Combine(RepoPaths.Root, "bot", "TeamsPolicyBot", "bin", configuration, "net10.0", "TeamsPolicyBot.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
        }
    }

    /// <summary>Starts the bot with <paramref name="settings"/> (configuration keys and values); returns it and its base URL.</summary>
    public static async Task<(LinkedProcess Bot, Uri Url)> StartAsync(HttpClient probe, IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var dll = Dll;
        var url = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var arguments = new List<string>
        {
            dll,
            "--urls", url.ToString().TrimEnd('/'),
            // Empty: inbound auth off, which the bot allows only in Development.
            "--MicrosoftAppId=",
        };
        arguments.AddRange(settings.Select(setting => $"--{setting.Key}={setting.Value}"));

        var bot = LinkedProcess.Start("The bot", "dotnet", arguments, Path.GetDirectoryName(dll)!, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            // Its request logging is what a failing test needs; the rest is noise.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__TeamsPolicyBot"] = "Information",
        });
        await bot.WaitUntilAnswersAsync(probe, new Uri(url, "/healthz"), StartTimeout);
        return (bot, url);
    }
}
