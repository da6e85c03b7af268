using System.Text.Json;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The Agents Playground's own page, used as a newcomer uses it: headless Chromium clicks the welcome card's buttons,
/// types into the three forms and sends them (playground-page.cjs). The other end-to-end tests post to the
/// Playground's API, which accepts button data the page itself would never send.
/// </summary>
[Collection(PlaygroundTests.Name)]
public sealed class PlaygroundPageTests(PlaygroundFixture stack)
{
    private static readonly string Script = Path.Combine("tests", "TeamsPolicyBot.Tests", "EndToEnd", "playground-page.cjs");
    private static readonly string Screenshots = Path.Combine(RepoPaths.Root, "test-output", "playground-page");
    private static readonly TimeSpan ChannelCardTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Where the bot starts a new thread in a channel (the Connector's create conversation).</summary>
    private const string NewThread = "/_connector/v3/conversations";

    [Fact]
    public async Task A_person_reaches_every_workflow_by_clicking_in_the_page_and_sends_each_form()
    {
        var seen = stack.Recording.Read().Count;

        var run = await NodeScript.RunAsync(Script, [stack.PlaygroundUrl.ToString(), Screenshots]);

        var steps = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(run.ExitCode == 0, $"{run.Describe()}{Environment.NewLine}{stack.Diagnostics()}");
        Assert.Equal(
            ["opened", "welcome-request-account", "account-request-sent", "my-requests-from-card", "back-to-menu",
             "welcome-report-incident", "incident-reported", "welcome-get-support", "support-form", "support-check", "support-sent"],
            steps.Select(step => step.GetProperty("step").GetString()));
        Assert.All(steps, step => Assert.True(File.Exists(step.GetProperty("screenshot").GetString()), $"No screenshot for {step}"));

        // The clicks on Action.Submit buttons reached the bot as messages carrying the button's verb...
        var exchanges = stack.Recording.Read().Skip(seen).ToList();
        var submittedVerbs = exchanges.Where(e => e.ToBot && e.Type == "message").Select(e => Verb(e.Activity)).OfType<string>().ToList();
        Assert.Superset(new HashSet<string> { "account.request", "requests.mine", "help", "incident.report", "support.start" }, submittedVerbs.ToHashSet());

        // ...and each form the page sent was stored and reached Comms: a new channel thread names its reference.
        // (The outbox posts the channel cards after the turn, so they may still be on their way.)
        foreach (var (step, prefix) in new[] { ("account-request-sent", "SMA-"), ("incident-reported", "INC-"), ("support-sent", "HSR-") })
        {
            var reference = Assert.Single(steps.Single(s => s.GetProperty("step").GetString() == step).GetProperty("references").EnumerateArray()).GetString()!;
            Assert.StartsWith(prefix, reference, StringComparison.Ordinal);
            await stack.Recording.WaitForAsync(
                all => all.Skip(seen).FirstOrDefault(e => !e.ToBot && e.Method == "POST" && e.Url == NewThread && e.Activity.GetRawText().Contains(reference, StringComparison.Ordinal)),
                ChannelCardTimeout);
        }
    }

    private static string? Verb(JsonElement activity) =>
        activity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object &&
        value.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String ? verb.GetString() : null;
}
