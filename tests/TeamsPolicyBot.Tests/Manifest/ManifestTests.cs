using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Manifest;

/// <summary>
/// The Teams app manifest passes the official schema and icon checks (tools/manifest/validate.cjs),
/// the checks do catch broken manifests, and tools/manifest/package.cjs builds an uploadable package.
/// </summary>
public sealed class ManifestTests
{
    private const string ValidateScript = "tools/manifest/validate.cjs";
    private const string PackageScript = "tools/manifest/package.cjs";
    private const string BotId = "5d0c7f8e-2b3a-4c1d-9e8f-7a6b5c4d3e2f";
    private const string TeamsAppId = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private const string BotDomain = "policybot.example.ac.uk";

    private static string ManifestDir => Path.Combine(RepoPaths.Root, "manifest");

    [Fact]
    public async Task The_manifest_and_its_icons_pass_validation()
    {
        var run = await NodeScript.RunAsync(ValidateScript);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("valid", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no developer", "must have required property 'developer'")]
    [InlineData("bot id not a GUID", "/bots/0/botId must match pattern")]
    [InlineData("outline icon 192x192", "icons.outline (outline.png): must be exactly 32x32 pixels, found 192x192")]
    [InlineData("outline icon in colour", "icons.outline (outline.png): must be white only")]
    [InlineData("colour icon missing", "icons.color (color.png): file not found")]
    public async Task A_broken_manifest_or_icon_fails_validation(string breakage, string expectedError)
    {
        using var copy = new ManifestCopy();
        switch (breakage)
        {
            case "no developer":
                copy.EditManifest(manifest => manifest.Remove("developer"));
                break;
            case "bot id not a GUID":
                copy.EditManifest(manifest => manifest["bots"]![0]!["botId"] = "policy-bot");
                break;
            case "outline icon 192x192":
            case "outline icon in colour":
                File.Copy(Path.Combine(ManifestDir, "color.png"), Path.Combine(copy.Dir, "outline.png"), overwrite: true);
                break;
            case "colour icon missing":
                File.Delete(Path.Combine(copy.Dir, "color.png"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }

        var run = await NodeScript.RunAsync(ValidateScript, copy.ManifestPath);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains(expectedError, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_package_holds_the_manifest_with_the_given_ids_and_both_icons()
    {
        using var output = new TempDir();
        var zipPath = Path.Combine(output.Path, "appPackage.zip");

        var run = await NodeScript.RunAsync(PackageScript, PackageEnvironment(), "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(
            new[] { "color.png", "manifest.json", "outline.png" },
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray());

        var manifestText = ReadEntry(zip, "manifest.json");
        Assert.DoesNotContain("${{", manifestText, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal(TeamsAppId, (string?)manifest["id"]);
        Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(BotDomain, (string?)manifest["validDomains"]![0]);
        Assert.Equal($"https://{BotDomain}/privacy", (string?)manifest["developer"]!["privacyUrl"]);

        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var stream = zip.GetEntry(icon)!.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(ManifestDir, icon)), bytes.ToArray());
        }
    }

    [Fact]
    public async Task The_package_offers_the_Comms_workspace_as_a_team_tab_and_a_personal_tab_signed_in_with_Teams_SSO()
    {
        using var output = new TempDir();
        var zipPath = Path.Combine(output.Path, "appPackage.zip");

        var run = await NodeScript.RunAsync(PackageScript, PackageEnvironment(), "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = JsonNode.Parse(ReadEntry(zip, "manifest.json"))!;

        // SSO: getAuthToken() asks Entra for a token for this resource, which the app's JwtBearer scheme accepts as audience.
        Assert.Equal(BotId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{BotDomain}/{BotId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Contains($"api://{BotDomain}/{BotId}", TeamsPolicyBot.Workspace.WorkspaceSignIn.Audiences(BotId, $"https://{BotDomain}"));

        var configurable = Assert.Single(manifest["configurableTabs"]!.AsArray())!;
        Assert.Equal($"https://{BotDomain}/workspace/config", (string?)configurable["configurationUrl"]);
        Assert.Equal(["team"], configurable["scopes"]!.AsArray().Select(scope => (string?)scope));

        var personal = Assert.Single(manifest["staticTabs"]!.AsArray())!;
        Assert.Equal($"https://{BotDomain}/workspace", (string?)personal["contentUrl"]);
        Assert.Equal(["personal"], personal["scopes"]!.AsArray().Select(scope => (string?)scope));

        // Every page the tabs open is on a valid domain.
        Assert.Equal([BotDomain], manifest["validDomains"]!.AsArray().Select(domain => (string?)domain));
    }

    [Fact]
    public async Task The_teams_app_id_defaults_to_the_bot_id()
    {
        using var output = new TempDir();
        var zipPath = Path.Combine(output.Path, "appPackage.zip");
        var environment = PackageEnvironment();
        environment["TEAMS_APP_ID"] = null;

        var run = await NodeScript.RunAsync(PackageScript, environment, "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = JsonNode.Parse(ReadEntry(zip, "manifest.json"))!;
        Assert.Equal(BotId, (string?)manifest["id"]);
    }

    [Theory]
    [InlineData("BOT_ID")]
    [InlineData("BOT_DOMAIN")]
    public async Task Packaging_without_a_required_variable_names_it_and_writes_nothing(string missing)
    {
        using var output = new TempDir();
        var zipPath = Path.Combine(output.Path, "appPackage.zip");
        var environment = PackageEnvironment();
        environment[missing] = null;

        var run = await NodeScript.RunAsync(PackageScript, environment, "--out", zipPath);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains($"{missing} is not set", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath), "no package should be written");
    }

    private static Dictionary<string, string?> PackageEnvironment() => new()
    {
        ["TEAMS_APP_ID"] = TeamsAppId,
        ["BOT_ID"] = BotId,
        ["BOT_DOMAIN"] = BotDomain,
        ["MicrosoftAppId"] = null,
    };

    private static string ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"policybot-manifest-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A copy of manifest.json and its icons in a temp folder, to break on purpose.</summary>
    private sealed class ManifestCopy : IDisposable
    {
        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
        private readonly TempDir _dir = new();

        public ManifestCopy()
        {
            foreach (var file in new[] { "manifest.json", "color.png", "outline.png" })
            {
                File.Copy(Path.Combine(ManifestDir, file), Path.Combine(Dir, file));
            }
        }

        public string Dir => _dir.Path;

        public string ManifestPath => Path.Combine(Dir, "manifest.json");

        public void EditManifest(Action<JsonObject> edit)
        {
            var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
            edit(manifest);
            File.WriteAllText(ManifestPath, manifest.ToJsonString(Indented));
        }

        public void Dispose() => _dir.Dispose();
    }
}
