using TeamsPolicyBot.Forms;
using F = TeamsPolicyBot.Workflows.Incidents.IncidentFields;
using L = TeamsPolicyBot.Workflows.Incidents.IncidentLimits;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>A resolve decision's inputs, checked.</summary>
internal sealed record Resolution(ResolutionOutcome Outcome, string? Notes);

/// <summary>Every rule of the report form and the triage inputs, with messages that say what to do.</summary>
internal static class IncidentValidator
{
    /// <summary>Names the card's two inputs by their labels, so the reporter finds them.</summary>
    public const string LinkMissing =
        "Paste the link to the content in \"Link(s) to the content\", one per line. If it is a direct message, has been deleted or is a draft, say so under \"Where is the content\" and leave the link empty.";

    /// <param name="today">The reporter's today (UK): the incident cannot have been noticed after it.</param>
    public static ValidationResult<IncidentDetails> Validate(IncidentForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rules = new FieldRules();

        var what = rules.Text(F.What, form.What, L.What, "Describe what happened, in your own words.");

        // Optional: a card sent before the form asked has no such input, and its reports all had a link.
        ContentLocation? where = FieldRules.Clean(form.Where) is null
            ? null
            : rules.Choice(F.Where, form.Where, IncidentChoices.Locations, "Choose where the content is from the list.");
        var kind = rules.Choice(F.Kind, form.Kind, IncidentChoices.Kinds, "Choose what kind of incident it is from the list.");
        var links = rules.Links(
            F.Links,
            form.Links,
            whenMissing: IncidentChoices.NeedsNoLink(where, kind) ? null : LinkMissing);
        var platform = rules.Choice(F.Platform, form.Platform, SocialPlatforms.Choices, "Choose the platform from the list.");
        var platformOther = platform == SocialPlatform.Other
            ? rules.Text(F.PlatformOther, form.PlatformOther, L.PlatformOther, "Enter the name of the platform.")
            : null;
        var postedBy = rules.Choice(F.PostedBy, form.PostedBy, IncidentChoices.PostedBy, "Choose who posted it from the list (or \"I don't know\").");
        var noticedOn = rules.Date(
            F.NoticedOn,
            form.NoticedOn,
            today,
            "Enter the day you noticed it.",
            "Enter the day you noticed it as a date, for example 2026-03-04.",
            "The day you noticed it cannot be in the future.");
        var stillLive = rules.Choice(F.StillLive, form.StillLive, IncidentChoices.StillLive, "Say whether the content is still live (or \"I'm not sure\").");
        var urgency = kind is { } chosen && IncidentChoices.UrgencyOf(chosen) is { } set
            ? set
            : rules.Choice(F.Urgency, form.Urgency, IncidentChoices.Urgencies, "Choose how urgent it is: urgent if it is spreading now or causing harm.");
        var evidence = rules.Text(F.Evidence, form.Evidence, L.Evidence, whenMissing: null);
        var actionsTaken = rules.Text(F.ActionsTaken, form.ActionsTaken, L.ActionsTaken, whenMissing: null);

        if (rules.HasErrors)
        {
            return ValidationResult<IncidentDetails>.Failure(rules.Errors);
        }

        return ValidationResult<IncidentDetails>.Success(new IncidentDetails
        {
            What = what!,
            Where = where,
            Links = links,
            Platform = platform!.Value,
            PlatformOther = platformOther,
            PostedBy = postedBy!.Value,
            Kind = kind!.Value,
            NoticedOn = noticedOn!.Value,
            StillLive = stillLive!.Value,
            Urgency = urgency!.Value,
            Evidence = evidence,
            ActionsTaken = actionsTaken,
        });
    }

    /// <summary>The question Comms asks the reporter.</summary>
    public static ValidationResult<string> ValidateQuestion(string? question) =>
        FieldRules.RequiredText(F.Question, question, L.Question, "Type your question for the reporter: they will read it.");

    /// <summary>The reporter's answer.</summary>
    public static ValidationResult<string> ValidateAnswer(string? answer) =>
        FieldRules.RequiredText(F.Answer, answer, L.Answer, "Type your answer, then select Answer again.");

    /// <summary>The resolve inputs: an outcome from the list; notes required for Other.</summary>
    public static ValidationResult<Resolution> ValidateResolution(string? outcome, string? notes)
    {
        var rules = new FieldRules();
        var parsed = rules.Choice(F.Outcome, outcome, IncidentChoices.Outcomes, "Choose the outcome, then select Resolve again.");
        var text = rules.Text(F.OutcomeNotes, notes, L.OutcomeNotes, parsed == ResolutionOutcome.Other ? "Describe the outcome: with \"Other\", notes are required." : null);
        return rules.HasErrors
            ? ValidationResult<Resolution>.Failure(rules.Errors)
            : ValidationResult<Resolution>.Success(new Resolution(parsed!.Value, text));
    }
}
