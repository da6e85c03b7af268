using System.Text.Json;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Turns.CardActions;

/// <summary>
/// The shape every card click must have before any handler sees it. Card data comes back from the
/// client, so anyone can send any JSON: a verb that is not a short name, a reference or id of the
/// wrong type or form, data far larger than any form, a click that names no person. Such a click is
/// answered "this card is out of date" (<see cref="TurnBoundary"/>); what is checked here is shape
/// only, never who may do what (that is each workflow's rule).
/// </summary>
internal static partial class CardInput
{
    /// <summary>Card data larger than this is not from one of the bot's cards (the longest form holds about 10 KB).</summary>
    public const int MaxDataChars = 32 * 1024;

    /// <summary>The keys whose values the workflows use as storage keys or idempotency ids, with the form each must have.</summary>
    private static readonly (string Name, Func<string, bool> IsWellFormed)[] Ids =
    [
        ("reference", KeyFormats.IsReference),
        ("submissionId", KeyFormats.IsCardId),
        ("draftId", KeyFormats.IsCardId),
    ];

    /// <summary>Null when the activity is not a card click or is a well-formed one; otherwise what is wrong (for the log: names, never values).</summary>
    public static string? Problem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        JsonElement data;
        if (activity.IsType(ActivityTypes.Invoke) && string.Equals(activity.Name, CardAction.InvokeName, StringComparison.Ordinal))
        {
            if (activity.Value is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return "the card action has no action object";
            }

            if (VerbProblem(action) is { } verbProblem)
            {
                return verbProblem;
            }

            data = action.TryGetProperty("data", out var d) ? d : default;
            if (data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
            {
                return "the card action's data is not an object";
            }
        }
        else if (activity.IsType(ActivityTypes.Message) && activity.Value is { ValueKind: JsonValueKind.Object } submitted && submitted.TryGetProperty("verb", out _))
        {
            // An Action.Submit: its data (with the verb) arrives as the message's value.
            if (VerbProblem(submitted) is { } verbProblem)
            {
                return verbProblem;
            }

            data = submitted;
        }
        else
        {
            return null;
        }

        if (!KeyFormats.IsObjectId(activity.From?.AadObjectId))
        {
            return "the click names no person (from.aadObjectId is not an Entra object id)";
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (data.GetRawText().Length > MaxDataChars)
        {
            return "the card data is larger than any of the bot's cards sends";
        }

        return IdProblem(data) ?? (data.TryGetProperty("form", out var form) && form.ValueKind == JsonValueKind.Object ? IdProblem(form) : null);
    }

    private static string? VerbProblem(JsonElement holder)
    {
        if (!holder.TryGetProperty("verb", out var verb))
        {
            return "the card action has no verb";
        }

        return verb.ValueKind == JsonValueKind.String && VerbPattern().IsMatch(verb.GetString()!)
            ? null
            : "the verb is not a short name";
    }

    private static string? IdProblem(JsonElement data)
    {
        foreach (var (name, isWellFormed) in Ids)
        {
            if (!data.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return $"{name} is not a string";
            }

            if (value.GetString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) && !isWellFormed(text))
            {
                return $"{name} is not of the expected form";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VerbPattern();
}
