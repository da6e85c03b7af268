using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.Protocol.Schema;

/// <summary>The message extension and dialog models against samples of the wire format Teams documents.</summary>
public sealed class MessageExtensionsTests
{
    private const string FetchTaskValue = """
        {
          "commandId": "reportToComms",
          "commandContext": "message",
          "context": { "theme": "default" },
          "messagePayload": {
            "id": "1772614200000",
            "replyToId": null,
            "createdDateTime": "2026-03-04T09:10:00.000Z",
            "importance": "normal",
            "locale": "en-gb",
            "linkToMessage": "https://teams.microsoft.com/l/message/19:abc@thread.v2/1772614200000",
            "from": { "user": { "id": "8a1b", "displayName": "Alex Doe", "userIdentityType": "aadUser" } },
            "body": { "contentType": "html", "content": "<div><p>Line one&nbsp;&amp; more</p><p>Line   <b>two</b><br>three</p></div>" },
            "attachments": [],
            "mentions": []
          }
        }
        """;

    private static Activity Invoke(string value) => new() { Type = "invoke", Name = InvokeNames.FetchTask, Value = JsonDocument.Parse(value).RootElement.Clone() };

    [Fact]
    public void A_fetchTask_value_reads_typed_and_keeps_what_it_does_not_model_on_the_way_back()
    {
        var action = MessageExtensionAction.From(Invoke(FetchTaskValue))!;

        Assert.Equal(("reportToComms", "message"), (action.CommandId, action.CommandContext));
        Assert.Equal("2026-03-04T09:10:00.000Z", action.MessagePayload!.CreatedDateTime);
        Assert.Equal("Alex Doe", action.MessagePayload.From!.User!.DisplayName);
        Assert.EndsWith("/1772614200000", action.MessagePayload.LinkToMessage, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FetchTaskValue), JsonNode.Parse(BotJson.Serialize(action))!));
    }

    [Theory]
    [InlineData("html", "<div><p>Line one&nbsp;&amp; more</p><p>Line   <b>two</b><br>three</p></div>", "Line one & more\nLine two\nthree")]
    [InlineData("html", "<p>a</p><p></p><p></p><p></p><p>b &lt;script&gt;</p>", "a\n\nb <script>")]
    [InlineData("text", "  plain <b>kept</b>  ", "plain <b>kept</b>")]
    [InlineData(null, null, "")]
    public void A_message_body_reads_as_plain_text(string? contentType, string? content, string expected) =>
        Assert.Equal(expected, new MessageBody { ContentType = contentType, Content = content }.PlainText());

    [Fact]
    public void A_value_of_another_shape_reads_as_nothing_rather_than_failing_the_turn()
    {
        Assert.Null(MessageExtensionAction.From(Invoke("""{ "commandId": 42 }""")));
        Assert.Null(MessageExtensionAction.From(new Activity { Type = "invoke" }));
    }

    [Fact]
    public void A_query_gives_its_parameter_text_and_the_initial_run_has_none()
    {
        var query = MessageExtensionQuery.From(Invoke("""
            { "commandId": "findOfficialAccount", "parameters": [ { "name": "account", "value": "@lshtm" } ], "queryOptions": { "skip": 25, "count": 25 } }
            """))!;
        var initial = MessageExtensionQuery.From(Invoke("""
            { "commandId": "findOfficialAccount", "parameters": [ { "name": "initialRun", "value": true } ] }
            """))!;

        Assert.Equal(("@lshtm", 25, 25), (query.Parameter("account"), query.QueryOptions!.Skip, query.QueryOptions.Count));
        Assert.Null(initial.Parameter("account"));
    }

    [Fact]
    public void A_dialog_step_and_a_closing_message_have_Teams_shape()
    {
        var card = JsonDocument.Parse("""{ "type": "AdaptiveCard", "version": "1.5", "body": [] }""").RootElement;

        var dialog = JsonNode.Parse(BotJson.Serialize(TaskResponse.Continue("Report to Comms", card)))!;
        var closed = JsonNode.Parse(BotJson.Serialize(ComposeExtensionResponse.Message("Sent to Comms as INC-2026-0001.")))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "task": { "type": "continue", "value": { "title": "Report to Comms", "height": "large", "width": "large",
              "card": { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5", "body": [] } } } } }
            """), dialog), dialog.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "composeExtension": { "type": "message", "text": "Sent to Comms as INC-2026-0001." } }"""), closed), closed.ToJsonString());
    }

    [Fact]
    public void Results_carry_each_card_with_its_thumbnail_preview()
    {
        var card = JsonDocument.Parse("""{ "type": "AdaptiveCard" }""").RootElement;
        var result = new ComposeExtensionAttachment
        {
            ContentType = ContentTypes.AdaptiveCard,
            Content = card,
            Preview = new ThumbnailCard { Title = "Instagram · @lshtm", Text = "Official" }.ToAttachment(),
        };

        var body = JsonNode.Parse(BotJson.Serialize(ComposeExtensionResponse.Results([result])))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "composeExtension": { "type": "result", "attachmentLayout": "list", "attachments": [ {
              "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard" },
              "preview": { "contentType": "application/vnd.microsoft.card.thumbnail", "content": { "title": "Instagram · @lshtm", "text": "Official" } } } ] } }
            """), body), body.ToJsonString());
    }
}
