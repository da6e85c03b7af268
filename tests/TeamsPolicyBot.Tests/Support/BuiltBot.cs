using System.Reflection;

namespace TeamsPolicyBot.Tests.Support;

/// <summary>The bot as the solution's build left it, for tests that run it as its own process.</summary>
public static class BuiltBot
{
    /// <summary>bot/TeamsPolicyBot/bin/&lt;this test build's configuration&gt;/net10.0/TeamsPolicyBot.dll; throws when it is not built.</summary>
    public static string Dll
    {
        get
        {
            var configuration = typeof(BuiltBot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var dll = Path.Combine(RepoPaths.Root, "bot", "TeamsPolicyBot", "bin", configuration, "net10.0", "TeamsPolicyBot.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
        }
    }
}
