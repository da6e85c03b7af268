using TeamsPolicyBot.Forms;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;
using L = TeamsPolicyBot.Workflows.HarassmentSupport.SupportLimits;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Every rule of the referral form, with messages that say kindly what to do.</summary>
internal static class SupportValidator
{
    /// <remarks>
    /// "Tell us as much or as little as you are comfortable with": only two answers are required. What is happening,
    /// because a case handler cannot start helping without it; and what the line manager may see, because the bot
    /// acts on it when the request is sent (policy 6.3 asks that the manager knows; only the person decides how much,
    /// whether to talk to a case handler first, or that the manager must not be told because they are involved).
    /// Everything else a case handler can ask in conversation, and a form that insists keeps people from asking.
    /// form.json marks the same two as required.
    /// </remarks>
    public static ValidationResult<SupportDetails> Validate(SupportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rules = new FieldRules();

        var what = rules.Text(F.What, form.What, L.What, "Tell us what is happening, in your own words. A few sentences is enough.");
        var platforms = rules.Choices(F.Platforms, form.Platforms, SocialPlatforms.Choices, whenMissing: null, "Choose the platforms from the list.");
        var platformOther = platforms.Contains(SocialPlatform.Other)
            ? rules.Text(F.PlatformOther, form.PlatformOther, L.PlatformOther, whenMissing: null)
            : null;
        var links = rules.Links(F.Links, form.Links, whenMissing: null);
        var since = OptionalChoice(rules, F.Since, form.Since, SupportChoices.Since, "Choose roughly when it started from the list, or leave it empty.");
        var ongoing = OptionalChoice(rules, F.Ongoing, form.Ongoing, SupportChoices.Ongoing, "Choose whether it is still happening from the list, or leave it empty.");
        var work = OptionalChoice(rules, F.WorkRelation, form.WorkRelation, SupportChoices.WorkRelations, "Choose whether it relates to your work from the list, or leave it empty.");
        var unsafeNow = rules.Toggle(F.FeelsUnsafe, form.FeelsUnsafe, "Tick the box if you feel physically unsafe now; otherwise leave it empty.");
        var needs = rules.Choices(F.Needs, form.Needs, SupportChoices.Needs, whenMissing: null, "Choose the support from the list.");
        var sharing = rules.Choice(F.ManagerSharing, form.ManagerSharing, SupportChoices.Sharing, "Choose what your line manager may see.");

        if (rules.HasErrors)
        {
            return ValidationResult<SupportDetails>.Failure(rules.Errors);
        }

        return ValidationResult<SupportDetails>.Success(new SupportDetails
        {
            What = what!,
            Platforms = platforms,
            PlatformOther = platformOther,
            Links = links,
            SinceWhen = since,
            Ongoing = ongoing,
            WorkRelation = work,
            FeelsUnsafe = unsafeNow,
            Needs = needs,
            ManagerSharing = sharing!.Value,
        });
    }

    /// <summary>One of <paramref name="choices"/>, or null when left empty; a value not in the list is refused.</summary>
    private static T? OptionalChoice<T>(FieldRules rules, string field, string value, ChoiceSet<T> choices, string whenInvalid)
        where T : struct, Enum =>
        FieldRules.Clean(value) is null ? null : rules.Choice(field, value, choices, whenInvalid);

    /// <summary>
    /// The manager the person gives when the directory found nobody: picked with the people picker (an object id,
    /// so the bot can message them) or, when the picker is not available, their work email.
    /// </summary>
    public static ValidationResult<ReferralManager> ValidateChosenManager(string? pickedId, string? email)
    {
        var rules = new FieldRules();
        if (FieldRules.Clean(pickedId) is not null)
        {
            var id = rules.Guid(F.ManagerId, pickedId, whenMissing: null, "Choose your line manager from the list, or enter their work email instead.");
            return id is null ? ValidationResult<ReferralManager>.Failure(rules.Errors) : ValidationResult<ReferralManager>.Success(new ReferralManager(id, null, null, TypedByPerson: true));
        }

        var text = rules.Email(F.ManagerEmail, email, L.Email, "Find your line manager, or enter their work email, so we can let them know.", "Enter one email address, for example name@lshtm.ac.uk.");
        return text is null ? ValidationResult<ReferralManager>.Failure(rules.Errors) : ValidationResult<ReferralManager>.Success(new ReferralManager(null, null, text, TypedByPerson: true));
    }

    /// <summary>A message between the case handler and the person.</summary>
    public static ValidationResult<string> ValidateMessage(string? message) =>
        FieldRules.RequiredText(F.Message, message, L.Message, "Type your message, then select Send again.");

    /// <summary>An action the case handler took.</summary>
    public static ValidationResult<string> ValidateAction(string? action) =>
        FieldRules.RequiredText(F.ActionTaken, action, L.ActionTaken, "Describe the action taken, then select Record again.");

    /// <summary>The person's optional note when they withdraw: null when they left none.</summary>
    public static ValidationResult<OptionalNote> ValidateWithdrawalReason(string? reason)
    {
        var rules = new FieldRules();
        var text = rules.Text(F.WithdrawReason, reason, L.WithdrawReason, whenMissing: null);
        return rules.HasErrors ? ValidationResult<OptionalNote>.Failure(rules.Errors) : ValidationResult<OptionalNote>.Success(new OptionalNote(text));
    }

    /// <summary>The optional note for the case handler a case is handed over to.</summary>
    public static ValidationResult<OptionalNote> ValidateHandOverNote(string? note)
    {
        var rules = new FieldRules();
        var text = rules.Text(F.HandOverNote, note, L.HandOverNote, whenMissing: null);
        return rules.HasErrors ? ValidationResult<OptionalNote>.Failure(rules.Errors) : ValidationResult<OptionalNote>.Success(new OptionalNote(text));
    }

    /// <summary>The closing outcome; notes required for Other.</summary>
    public static ValidationResult<CaseClosure> ValidateClosure(string? outcome, string? notes)
    {
        var rules = new FieldRules();
        var parsed = rules.Choice(F.Outcome, outcome, SupportChoices.Outcomes, "Choose the outcome, then select Close the case again.");
        var text = rules.Text(F.OutcomeNotes, notes, L.OutcomeNotes, parsed == CaseOutcome.Other ? "Describe the outcome: with \"Other\", notes are required." : null);
        return rules.HasErrors
            ? ValidationResult<CaseClosure>.Failure(rules.Errors)
            : ValidationResult<CaseClosure>.Success(new CaseClosure(parsed!.Value, text));
    }
}

/// <summary>An optional note (the person's when withdrawing, a case handler's when handing over), checked; <paramref name="Reason"/> null when none was left.</summary>
internal sealed record OptionalNote(string? Reason);

/// <summary>A close decision's inputs, checked.</summary>
internal sealed record CaseClosure(CaseOutcome Outcome, string? Notes);
