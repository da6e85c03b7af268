using System.Text.Json;

namespace TeamsPolicyBot.AccountRequests.Cards;

/// <summary>
/// What the request form shows in its inputs, keyed by the input ids of the shared design (camelCase in JSON = the ids).
/// Values are exactly as typed or stored: NOT escaped (they are input values, not markdown). Toggles are "true"/"false".
/// Every property is a string, never null, so each input's <c>value</c> binding always has something to bind.
/// </summary>
internal sealed record RequestFormValues
{
    public string Platform { get; init; } = "";
    public string PlatformOther { get; init; } = "";
    public string Handle { get; init; } = "";
    public string AlreadyExists { get; init; } = "false";
    public string ExistingUrl { get; init; } = "";
    public string UnitType { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string Purpose { get; init; } = "";
    public string Audiences { get; init; } = "";
    public string StrategicAims { get; init; } = "";
    public string ContentPlan { get; init; } = "";
    public string PostingFrequency { get; init; } = "";
    public string Evaluation { get; init; } = "";
    public string Resourcing { get; init; } = "";
    public string SignOff { get; init; } = "";

    /// <summary>The people picker's value: the Entra object id of the second administrator.</summary>
    public string SecondAdmin { get; init; } = "";
    public string SecondAdminEmail { get; init; } = "";
    public string ConfirmPolicy { get; init; } = "false";
    public string ConfirmSecurity { get; init; } = "false";
    public string ConfirmTraining { get; init; } = "false";

    /// <summary>The form's input ids, in the order the form shows them (the shared design's table).</summary>
    public static IReadOnlyList<string> FieldIds { get; } =
    [
        "platform", "platformOther", "handle", "alreadyExists", "existingUrl", "unitType", "unitName", "purpose", "audiences",
        "strategicAims", "contentPlan", "postingFrequency", "evaluation", "resourcing", "signOff", "secondAdmin",
        "secondAdminEmail", "confirmPolicy", "confirmSecurity", "confirmTraining",
    ];

    /// <summary>
    /// The values an <c>accountRequest.submit</c> posted (the action's data merged with the inputs), to show the form
    /// again as it was typed. Only the form's string inputs are read; anything else (submissionId, reference, other
    /// types) is ignored, and a missing input keeps its default.
    /// </summary>
    public static RequestFormValues FromInputs(JsonElement actionData)
    {
        if (actionData.ValueKind != JsonValueKind.Object)
        {
            return new RequestFormValues();
        }

        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in actionData.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && FieldIds.Contains(property.Name, StringComparer.Ordinal))
            {
                inputs[property.Name] = property.Value.GetString()!;
            }
        }

        return JsonSerializer.Deserialize<RequestFormValues>(JsonSerializer.SerializeToElement(inputs), FormJson)!;
    }

    private static readonly JsonSerializerOptions FormJson = new(JsonSerializerDefaults.Web);
}
