namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

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
    /// The values of a posted or stored form, to show it again as it was typed (a missing input keeps its
    /// default, so every binding in the template has a value).
    /// </summary>
    public static RequestFormValues From(AccountRequestForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new()
        {
            Platform = form.Platform ?? string.Empty,
            PlatformOther = form.PlatformOther ?? string.Empty,
            Handle = form.Handle ?? string.Empty,
            AlreadyExists = form.AlreadyExists ?? "false",
            ExistingUrl = form.ExistingUrl ?? string.Empty,
            UnitType = form.UnitType ?? string.Empty,
            UnitName = form.UnitName ?? string.Empty,
            Purpose = form.Purpose ?? string.Empty,
            Audiences = form.Audiences ?? string.Empty,
            StrategicAims = form.StrategicAims ?? string.Empty,
            ContentPlan = form.ContentPlan ?? string.Empty,
            PostingFrequency = form.PostingFrequency ?? string.Empty,
            Evaluation = form.Evaluation ?? string.Empty,
            Resourcing = form.Resourcing ?? string.Empty,
            SignOff = form.SignOff ?? string.Empty,
            SecondAdmin = form.SecondAdmin ?? string.Empty,
            SecondAdminEmail = form.SecondAdminEmail ?? string.Empty,
            ConfirmPolicy = form.ConfirmPolicy ?? "false",
            ConfirmSecurity = form.ConfirmSecurity ?? "false",
            ConfirmTraining = form.ConfirmTraining ?? "false",
        };
    }
}
