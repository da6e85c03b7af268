using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// The same card templates, shown in a Teams dialog. A dialog posts its buttons with Action.Submit (Teams sends the
/// inputs as <c>composeExtension/submitAction</c> or <c>task/submit</c>); Action.Execute has no place to go there.
/// So each Action.Execute becomes an Action.Submit carrying its verb in its data, where the dialog's handler reads it.
/// </summary>
internal static class DialogCards
{
    public static JsonElement ForDialog(JsonElement card)
    {
        var node = JsonNode.Parse(card.GetRawText())!;
        Convert(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "Action.Execute")
                {
                    var data = obj["data"] as JsonObject ?? [];
                    obj.Remove("data");
                    data["verb"] = obj["verb"]?.GetValue<string>();
                    obj.Remove("verb");
                    obj["type"] = "Action.Submit";
                    obj["data"] = data;
                }

                // A refresh would send adaptiveCard/action from inside the dialog.
                obj.Remove("refresh");
                foreach (var child in obj.Select(property => property.Value).ToList())
                {
                    Convert(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Convert(item);
                }

                break;
        }
    }
}
