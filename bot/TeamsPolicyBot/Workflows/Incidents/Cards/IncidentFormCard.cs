using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.Incidents.Cards;

/// <summary>
/// Binds cards/incidents/report-form.json: the incident report form, new or shown again with its problems next to
/// the fields, or re-shown filled after the support offer (<see cref="SupportOffered"/>, so the submit then goes on).
/// </summary>
/// <param name="SubmissionId">A new GUID per form; the submit posts it back, so a retried invoke makes one incident.</param>
/// <param name="Values">What the inputs show (raw, NOT escaped).</param>
internal sealed record IncidentFormCard(string SubmissionId, IncidentFormValues Values)
{
    /// <summary>True once the reporter saw the support offer and chose to continue: a harassment report then goes ahead.</summary>
    public bool SupportOffered { get; init; }

    /// <summary>The problems, keyed by input id; only fields with an entry show a problem line.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The latest day the date picker allows (today, "2026-03-04").</summary>
    public string MaxDate { get; init; } = "";

    public bool HasErrors => Errors.Count > 0;

    public string ErrorSummary => FormInputs.ProblemsSummary(Errors.Count);

    public static IncidentFormCard New(DateOnly today) =>
        new(Guid.NewGuid().ToString(), new IncidentFormValues { NoticedOn = CardDates.InputValue(today) }) { MaxDate = CardDates.InputValue(today) };
}

/// <summary>The report form's inputs as typed (raw): what the form shows, and what the support offer carries.</summary>
internal sealed record IncidentFormValues
{
    public string What { get; init; } = "";
    /// <summary>Empty on a new form: the card then selects a public post.</summary>
    public string Where { get; init; } = "";
    public string Links { get; init; } = "";
    public string Platform { get; init; } = "";
    public string PlatformOther { get; init; } = "";
    public string PostedBy { get; init; } = "";
    public string Kind { get; init; } = "";
    public string NoticedOn { get; init; } = "";
    public string StillLive { get; init; } = "";
    public string Urgency { get; init; } = "";
    public string Evidence { get; init; } = "";
    public string ActionsTaken { get; init; } = "";

    public static IncidentFormValues From(IncidentForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new()
        {
            What = form.What ?? "",
            Where = form.Where ?? "",
            Links = form.Links ?? "",
            Platform = form.Platform ?? "",
            PlatformOther = form.PlatformOther ?? "",
            PostedBy = form.PostedBy ?? "",
            Kind = form.Kind ?? "",
            NoticedOn = form.NoticedOn ?? "",
            StillLive = form.StillLive ?? "",
            Urgency = form.Urgency ?? "",
            Evidence = form.Evidence ?? "",
            ActionsTaken = form.ActionsTaken ?? "",
        };
    }
}

/// <summary>
/// Binds cards/incidents/support-offer.json: shown instead of filing when "harassment of a member of staff" is chosen.
/// "Get support" (Action.Submit, verb <c>support.start</c>) and "Continue with the incident report" (Action.Execute,
/// verb <c>incident.continue</c>) both carry everything typed under <c>form</c>, so nothing is lost either way.
/// </summary>
internal sealed record SupportOfferCard(string SubmissionId, IncidentFormValues Values)
{
    /// <summary><c>Support:EmergencyNumber</c>, as every support card gives it (set by <see cref="IncidentCards"/>).</summary>
    public string EmergencyNumber { get; init; } = "";
}
