using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

// The bare stack the bot is measured against: for each activity, parse it, upsert one row
// (the conversation reference) and POST the welcome card to the connector as a reply. No auth,
// no routing, no template engine: the card is the welcome template with the first name put in.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connection = builder.Configuration.GetConnectionString("Tables") ?? throw new InvalidOperationException("ConnectionStrings:Tables is required.");
var table = new TableClient(connection, "benchbaseline");
await table.CreateIfNotExistsAsync();
var welcome = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "welcome.json"));
builder.Services.AddHttpClient("connector");
var app = builder.Build();
var http = app.Services.GetRequiredService<IHttpClientFactory>();

app.MapPost("/api/messages", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var activity = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
    var serviceUrl = (string?)activity?["serviceUrl"];
    var conversationId = (string?)activity?["conversation"]?["id"];
    var activityId = (string?)activity?["id"];
    if (activity is null || serviceUrl is null || conversationId is null || activityId is null)
    {
        return Results.BadRequest();
    }

    var from = activity["from"];
    var reference = new JsonObject
    {
        ["activityId"] = activityId,
        ["user"] = from?.DeepClone(),
        ["bot"] = activity["recipient"]?.DeepClone(),
        ["conversation"] = activity["conversation"]?.DeepClone(),
        ["channelId"] = (string?)activity["channelId"],
        ["serviceUrl"] = serviceUrl,
    };
    await table.UpsertEntityAsync(new TableEntity("conversation", Uri.EscapeDataString(conversationId)) { ["Reference"] = reference.ToJsonString() }, TableUpdateMode.Replace, cancellationToken);

    var firstName = ((string?)from?["name"])?.Split(' ')[0] ?? "there";
    var reply = new JsonObject
    {
        ["type"] = "message",
        ["replyToId"] = activityId,
        ["from"] = activity["recipient"]?.DeepClone(),
        ["recipient"] = from?.DeepClone(),
        ["conversation"] = activity["conversation"]?.DeepClone(),
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = JsonNode.Parse(welcome.Replace("${firstName}", firstName, StringComparison.Ordinal)),
        }),
    };
    var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";
    using var content = new StringContent(reply.ToJsonString(), Encoding.UTF8, "application/json");
    using var response = await http.CreateClient("connector").PostAsync(url, content, cancellationToken);
    return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});

app.Run();
