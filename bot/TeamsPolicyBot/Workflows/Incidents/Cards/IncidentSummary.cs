using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.Incidents.Cards;

/// <summary>The facts every incident card shows. Every string is escaped (choice labels need none); <see cref="From"/> does that.</summary>
/// <param name="Urgency">"URGENT" or "Not marked urgent": in words, never colour only.</param>
/// <param name="Links">Markdown links "[x.com/…](https://…)", text escaped, one per link.</param>
/// <param name="IsConfidential">
/// The confidential summary (<see cref="Confidential"/>): the reference, kind and urgency only; the cards then show
/// none of the other facts, nor what happened or the links.
/// </param>
internal sealed record IncidentSummary(
    string Reference,
    bool IsUrgent,
    string Urgency,
    string Kind,
    string Platform,
    string PostedBy,
    string NoticedOn,
    string StillLive,
    string ReporterName,
    string ReportedOn,
    IReadOnlyList<string> Links,
    bool IsConfidential = false)
{
    public const string ConfidentialKind = "Harassment (confidential)";

    /// <summary>Where the content is (a direct message, deleted…); empty on reports stored before the form asked.</summary>
    public string Where { get; init; } = "";

    public static IncidentSummary From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var details = incident.Details;
        return new(
            incident.Reference,
            incident.IsUrgent,
            UrgencyText(incident),
            IncidentChoices.Kinds.TitleOf(details.Kind),
            Markdown.Escape(details.PlatformName),
            IncidentChoices.PostedBy.TitleOf(details.PostedBy),
            CardDates.Date(new DateTimeOffset(details.NoticedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            IncidentChoices.StillLive.TitleOf(details.StillLive),
            Markdown.Escape(incident.Reporter.Name),
            CardDates.DateAndTime(incident.CreatedAt),
            details.Links.Select(Markdown.Link).ToList())
        {
            Where = details.Where is { } where ? IncidentChoices.Locations.TitleOf(where) : "",
        };
    }

    /// <summary>What anyone but the reporter and the case handlers may know of a confidential incident (see <see cref="Incident.IsConfidential"/>).</summary>
    public static IncidentSummary Confidential(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new(incident.Reference, incident.IsUrgent, UrgencyText(incident), ConfidentialKind, "", "", "", "", "", "", [], IsConfidential: true);
    }

    // "Not marked urgent", not "Normal" or "Not urgent": the reporter's choice, without belittling what they reported.
    private static string UrgencyText(Incident incident) => incident.IsUrgent ? "URGENT" : "Not marked urgent";

    /// <summary>The summary for people other than the reporter and the case handlers: <see cref="Confidential"/> for a confidential incident.</summary>
    public static IncidentSummary ForComms(Incident incident) => incident.IsConfidential ? Confidential(incident) : From(incident);
}
