using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Protocol.Schema;

/// <summary>
/// Real activities recorded from the Agents Playground survive a read and a write unchanged, so
/// nothing Teams sends is lost when the bot stores or forwards an activity.
/// </summary>
public sealed class ActivityRoundTripTests
{
    private static readonly string FixtureFolder = Path.Combine(RepoPaths.Root, "tests", "TeamsPolicyBot.Tests", "Protocol", "Schema", "PlaygroundActivities");

    private static List<string> RecordedFiles() =>
        Directory.EnumerateFiles(FixtureFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static TheoryData<string> RecordedActivities() => new(RecordedFiles());

    [Fact]
    public void Every_kind_of_activity_the_playground_sends_is_recorded()
    {
        var names = RecordedFiles();

        Assert.Contains(names, n => n.StartsWith("personal-message", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("action-submit", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("action-execute-invoke", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("channel-message", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("conversation-update", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RecordedActivities))]
    public void A_recorded_activity_round_trips_without_losing_anything(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, file)))!;

        var activity = JsonSerializer.Deserialize<Activity>(original.ToJsonString(), BotJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;

        Assert.True(JsonNode.DeepEquals(WithoutNulls(original), WithoutNulls(written)), $"{file} changed on a round trip:\n{written}");
    }

    [Fact]
    public void Typed_fields_are_read_from_a_recorded_channel_message()
    {
        var file = RecordedFiles().First(n => n.StartsWith("channel-message", StringComparison.Ordinal));
        var activity = BotJson.Deserialize<Activity>(File.ReadAllText(Path.Combine(FixtureFolder, file)))!;

        var channelData = activity.GetTeamsChannelData();
        Assert.Equal("channel", activity.Conversation?.ConversationType);
        Assert.False(string.IsNullOrEmpty(channelData?.Team?.Id));
        Assert.False(string.IsNullOrEmpty(channelData?.Channel?.Id));
        Assert.False(string.IsNullOrEmpty(activity.From?.AadObjectId));
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case_when_writing()
    {
        var json = BotJson.Serialize(Activity.CreateMessage("hi"));

        Assert.Equal("""{"type":"message","text":"hi"}""", json);
    }

    /// <summary>
    /// What the wire format leaves open: the bot omits nulls (null and absent mean the same), and
    /// a timestamp may be written "Z" or "+00:00" (the same instant, the same offset).
    /// </summary>
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNulls).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) && text.Contains('T', StringComparison.Ordinal) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) =>
            JsonValue.Create(instant.ToString("O", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };
}
