namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// One field a resubmission changed, as the approval card lists it: the field by the card's own label, and
/// "Old → New" for a short field or "changed" for a long text (the new text is on the card; the old one would double it).
/// Both are escaped.
/// </summary>
/// <param name="Label">"Account", "Purpose".</param>
/// <param name="Change">"@old\_handle → @new\_handle", or "changed".</param>
internal sealed record ChangedField(string Label, string Change)
{
    /// <summary>What a long text field shows when it changed.</summary>
    public const string LongTextChanged = "changed";

    /// <summary>What a short field that was or is now empty shows in place of its value.</summary>
    public const string None = "none";

    /// <summary>
    /// The fields whose value differs between <paramref name="before"/> and <paramref name="after"/>, in the card's
    /// order. Short fields compare as the card shows them (<see cref="RequestSummary"/>, already escaped), so a change
    /// the card would not show is not listed; long texts compare as typed.
    /// </summary>
    public static IReadOnlyList<ChangedField> Between(RequestSummary before, RequestSummary after, AccountRequestDetails beforeTexts, AccountRequestDetails afterTexts)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(beforeTexts);
        ArgumentNullException.ThrowIfNull(afterTexts);
        (string Label, string Before, string After)[] shortFields =
        [
            ("Platform", before.Platform, after.Platform),
            ("Unit name", before.UnitName, after.UnitName),
            ("Unit type", before.UnitType, after.UnitType),
            ("Account", before.Handle, after.Handle),
            ("Already exists at", before.ExistingUrl, after.ExistingUrl),
            ("Administrators", before.Administrators, after.Administrators),
            ("Posting", before.PostingFrequency, after.PostingFrequency),
        ];
        (string Label, Func<AccountRequestDetails, string> Text)[] longFields =
        [
            ("Purpose", d => d.Purpose),
            ("Audiences", d => d.Audiences),
            ("Strategic aims it supports (4.14)", d => d.StrategicAims),
            ("Content plan (4.12)", d => d.ContentPlan),
            ("How success will be judged (4.12)", d => d.Evaluation),
            ("Who runs it, and their time (4.2)", d => d.Resourcing),
            ("Sign-off for posts (4.15)", d => d.SignOff),
        ];
        return
        [
            .. shortFields
                .Where(field => !string.Equals(field.Before, field.After, StringComparison.Ordinal))
                .Select(field => new ChangedField(field.Label, $"{OrNone(field.Before)} → {OrNone(field.After)}")),
            .. longFields
                .Where(field => !string.Equals(field.Text(beforeTexts), field.Text(afterTexts), StringComparison.Ordinal))
                .Select(field => new ChangedField(field.Label, LongTextChanged)),
        ];
    }

    private static string OrNone(string value) => value.Length == 0 ? None : value;
}
