using TeamsPolicyBot.Tests.EndToEnd;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Hosting;

/// <summary>
/// The built bot with <c>Hosting:JitProfile:Directory</c> writes its start-up JIT profile there once <c>SaveAfter</c> has
/// passed (the next start compiles from it on a second core). Without the setting nothing is recorded (the default).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class StartupJitProfileTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task With_a_directory_set_the_bot_writes_its_start_up_profile_there_once_SaveAfter_has_passed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "jit-profile-test-" + Guid.NewGuid().ToString("N"));
        var tenant = await PlaygroundTenant.LoadAsync(Path.Combine(RepoPaths.Root, ".m365agentsplayground.yml"));
        var settings = new Dictionary<string, string>(tenant.Settings)
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Hosting:JitProfile:Directory"] = directory,
            ["Hosting:JitProfile:SaveAfter"] = "00:00:01",
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var (bot, _) = await BuiltBot.StartAsync(http, settings);
            await using (bot)
            {
                var written = await Poll.UntilAsync(() => Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any(f => new FileInfo(f).Length > 0), TimeSpan.FromSeconds(90));
                Assert.True(written, "no profile written within 90 s\n" + bot.Output);
            }

            Assert.Equal("startup.jitprofile", Path.GetFileName(Assert.Single(Directory.EnumerateFiles(directory))));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
