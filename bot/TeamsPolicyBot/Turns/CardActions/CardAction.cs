using System.Text.Json;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.CardActions;

/// <summary>
/// A click on an Action.Execute button (an <c>adaptiveCard/action</c> invoke): its verb and its data
/// merged with the card's inputs. Every button carries its own context in <see cref="Data"/>, so a
/// click needs no session.
/// </summary>
internal sealed record CardAction(string Verb, JsonElement Data)
{
    public const string InvokeName = "adaptiveCard/action";

    public static CardAction? From(Activity activity)
    {
        if (!activity.IsType(ActivityTypes.Invoke) || !string.Equals(activity.Name, InvokeName, StringComparison.Ordinal) ||
            activity.Value is not { ValueKind: JsonValueKind.Object } value ||
            !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object ||
            !action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        return new CardAction(verb.GetString()!, data);
    }

    public string? GetString(string name) =>
        Data.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    public int? GetInt32(string name) =>
        Data.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number) ? number
        : int.TryParse(GetString(name), out var parsed) ? parsed : null;
}
