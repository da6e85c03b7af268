using TeamsPolicyBot.Forms;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;
using L = TeamsPolicyBot.Workflows.HarassmentSupport.SupportLimits;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Every rule of the referral form, with messages that say kindly what to do.</summary>
internal static class SupportValidator
{
    /// <param name="today">The person's today (UK): it cannot have started after it.</param>
    public static ValidationResult<SupportDetails> Validate(SupportForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rules = new FieldRules();

        var what = rules.Text(F.What, form.What, L.What, "Tell us what is happening, in your own words. A few sentences is enough.");
        var platforms = rules.Choices(F.Platforms, form.Platforms, SocialPlatforms.Choices, "Choose where it is happening (one or more platforms).", "Choose the platforms from the list.");
        var platformOther = platforms.Contains(SocialPlatform.Other)
            ? rules.Text(F.PlatformOther, form.PlatformOther, L.PlatformOther, "Enter the name of the other platform.")
            : null;
        var links = rules.Links(F.Links, form.Links, whenMissing: null);
        var since = rules.Date(
            F.Since,
            form.Since,
            today,
            "Enter roughly when it started: an approximate day is fine.",
            "Enter the day as a date, for example 2026-03-04.",
            "The day it started cannot be in the future.");
        var ongoing = rules.Choice(F.Ongoing, form.Ongoing, SupportChoices.Ongoing, "Say whether it is still happening (or \"I'm not sure\").");
        var work = rules.Choice(F.WorkRelation, form.WorkRelation, SupportChoices.WorkRelations, "Say whether it relates to your research or work (or \"I'm not sure\").");
        var unsafeNow = rules.Toggle(F.FeelsUnsafe, form.FeelsUnsafe, "Tick the box if you feel physically unsafe now; otherwise leave it empty.");
        var needs = rules.Choices(F.Needs, form.Needs, SupportChoices.Needs, "Choose what support would help (or \"I'm not sure yet\").", "Choose the support from the list.");
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
            Since = since!.Value,
            Ongoing = ongoing!.Value,
            WorkRelation = work!.Value,
            FeelsUnsafe = unsafeNow,
            Needs = needs,
            ManagerSharing = sharing!.Value,
        });
    }

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
