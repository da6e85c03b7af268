using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Tests.Turns;

/// <summary>The one exception boundary around the router: friendly answers, logs with ids and types only.</summary>
public sealed class TurnBoundaryTests
{
    private const string Secret = "my home address is 1 Secret Lane";
    private const string PersonAadId = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
    private readonly FakeLogCollector logs = new();
    private readonly List<Activity> sent = [];
    private readonly TurnBoundary boundary;

    public TurnBoundaryTests()
    {
        var router = new ActivityRouter(
            [new ThrowingCommand()],
            [new ThrowingCardActions()],
            [],
            [],
            welcome: null!,
            askThePolicy: null!,
            new Mock<IConversationReferences>().Object,
            new FakeLogger<ActivityRouter>(logs));
        boundary = new TurnBoundary(router, new FakeLogger<TurnBoundary>(logs));
    }

    private Mock<ITurnContext> Turn(string type, string? name = null, string? value = null, string? text = null)
    {
        var turn = new Mock<ITurnContext>();
        turn.SetupGet(t => t.Activity).Returns(new Activity
        {
            Type = type,
            Name = name,
            Id = "activity-7",
            Text = text,
            From = new ChannelAccount { Id = "29:person", AadObjectId = PersonAadId, Name = "Ada" },
            Conversation = new ConversationAccount { Id = "a:chat", ConversationType = "personal" },
            Value = value is null ? null : JsonDocument.Parse(value).RootElement.Clone(),
        });
        turn.Setup(t => t.SendAsync(It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<Activity, CancellationToken>((reply, _) => sent.Add(reply));
        return turn;
    }

    private static string Click(string verb, string data = "{}") =>
        JsonSerializer.Serialize(new { action = new { type = "Action.Execute", verb, data = JsonDocument.Parse(data).RootElement } });

    private static string Message(InvokeResponse? response) => response!.Value!.Value.GetString()!;

    [Fact]
    public async Task A_click_that_fails_unexpectedly_gets_HTTP_200_with_an_apology()
    {
        var response = await boundary.HandleAsync(Turn("invoke", CardAction.InvokeName, Click("test.throw")).Object, CancellationToken.None);

        Assert.Equal(200, response!.StatusCode);
        Assert.Equal(ContentTypes.ActivityMessage, response.Type);
        Assert.Equal(TurnBoundary.SomethingWentWrong, Message(response));
    }

    [Fact]
    public async Task A_message_that_fails_unexpectedly_is_answered_with_the_apology_as_a_reply()
    {
        var response = await boundary.HandleAsync(Turn("message", text: "boom").Object, CancellationToken.None);

        Assert.Null(response);
        Assert.Equal(TurnBoundary.SomethingWentWrong, Assert.Single(sent).Text);
    }

    [Fact]
    public async Task The_failure_is_logged_with_the_activity_id_and_exception_type_but_no_content()
    {
        await boundary.HandleAsync(Turn("invoke", CardAction.InvokeName, Click("test.throw", $$"""{"note":"{{Secret}}"}""")).Object, CancellationToken.None);

        var error = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("activity-7", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), error.Message, StringComparison.Ordinal);
        Assert.Null(error.Exception);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains("Secret Lane", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_turns_out_malformed_in_storage_is_a_card_out_of_date_with_a_warning()
    {
        var response = await boundary.HandleAsync(Turn("invoke", CardAction.InvokeName, Click("test.badkey")).Object, CancellationToken.None);

        Assert.Equal(TurnBoundary.CardOutOfDate, Message(response));
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("activity-7", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
    }

    public static TheoryData<string, string> CardDataOfTheWrongShape => new()
    {
        { "reference as number", Click("test.throw", """{"reference":5}""") },
        { "reference not of the form", Click("test.throw", """{"reference":"INC-2026-0001/../x"}""") },
        { "submission id not a GUID", Click("test.throw", """{"submissionId":"abc#"}""") },
        { "draft id as object", Click("test.throw", """{"draftId":{}}""") },
        { "nested form submission id as array", Click("test.throw", """{"form":{"submissionId":[1]}}""") },
        { "verb not a name", Click("<b>x</b>") },
        { "verb of 100,000 characters", Click(new string('v', 100_000)) },
        { "data as array", """{"action":{"type":"Action.Execute","verb":"test.throw","data":[1]}}""" },
        { "action missing", """{"trigger":"manual"}""" },
        { "data larger than any card", Click("test.throw", $$"""{"what":"{{new string('w', CardInput.MaxDataChars)}}"}""") },
    };

    [Theory]
    [MemberData(nameof(CardDataOfTheWrongShape))]
    public async Task Card_data_of_the_wrong_shape_never_reaches_a_handler_and_is_a_card_out_of_date(string why, string value)
    {
        var response = await boundary.HandleAsync(Turn("invoke", CardAction.InvokeName, value).Object, CancellationToken.None);

        Assert.True(Message(response) == TurnBoundary.CardOutOfDate, why);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_submitted_card_of_the_wrong_shape_is_answered_in_the_chat()
    {
        await boundary.HandleAsync(Turn("message", value: """{"verb":"test.throw","reference":["SMA-2026-0001"]}""").Object, CancellationToken.None);

        Assert.Equal(TurnBoundary.CardOutOfDate, Assert.Single(sent).Text);
    }

    [Fact]
    public async Task A_click_that_names_no_person_is_a_card_out_of_date()
    {
        var turn = Turn("invoke", CardAction.InvokeName, Click("test.throw"));
        turn.Object.Activity.From!.AadObjectId = null;

        Assert.Equal(TurnBoundary.CardOutOfDate, Message(await boundary.HandleAsync(turn.Object, CancellationToken.None)));
    }

    [Fact]
    public async Task A_cancelled_turn_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            boundary.HandleAsync(Turn("invoke", CardAction.InvokeName, Click("test.cancel")).Object, cancelled.Token));
    }

    private sealed class ThrowingCommand : IBotCommand
    {
        public string Verb => "test.throw";

        public VerbRule Rule => VerbRule.NoRecord;

        public IReadOnlyCollection<string> Phrases { get; } = ["boom"];

        public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);
    }

    private sealed class ThrowingCardActions : ICardActionHandler
    {
        public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
        {
            ["test.throw"] = VerbRule.NoRecord,
            ["test.badkey"] = VerbRule.NoRecord,
            ["test.cancel"] = VerbRule.NoRecord,
        };

        public Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken) => action.Verb switch
        {
            "test.badkey" => throw new MalformedKeyException("The record reference is not of the form SMA-2026-0001."),
            "test.cancel" => throw new OperationCanceledException(cancellationToken),
            _ => throw new InvalidOperationException(Secret + action.GetString("note")),
        };
    }
}
