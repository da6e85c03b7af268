using System.Text.Json;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>The browser scripts the workspace serves from wwwroot/lib are the packages package.json pins (scripts/vendor-web.sh copies them).</summary>
public sealed class VendoredScriptsTests
{
    [Theory]
    [InlineData("@microsoft/teams-js", "dist/umd/MicrosoftTeams.min.js", "teams-js")]
    [InlineData("chart.js", "dist/chart.umd.min.js", "chart-js")]
    public void The_vendored_copy_is_the_pinned_package_version_byte_for_byte(string package, string file, string folder)
    {
        var root = RepoPaths.Root;
        var pinned = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "package.json"))).RootElement.GetProperty("devDependencies").GetProperty(package).GetString();
        var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "node_modules", package, "package.json"))).RootElement.GetProperty("version").GetString();
        var lib = Path.Combine(root, "bot", "TeamsPolicyBot", "wwwroot", "lib", folder);

        Assert.Equal(pinned, installed);
        Assert.Equal($"{package}@{pinned}", File.ReadAllText(Path.Combine(lib, "VERSION")).Trim());
        Assert.True(
            File.ReadAllBytes(Path.Combine(root, "node_modules", package, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(lib, Path.GetFileName(file)))),
            $"wwwroot/lib/{folder}/{Path.GetFileName(file)} differs from {package}@{installed}: run ./scripts/vendor-web.sh and commit the copy.");
    }
}
