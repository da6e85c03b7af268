using System.Text.Json;
using TeamsPolicyBot.Forms;
using F = TeamsPolicyBot.Workflows.Incidents.IncidentFields;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The report form exactly as submitted, unchecked. Only <see cref="IncidentValidator"/> turns it
/// into <see cref="IncidentDetails"/>; the form itself goes back into the card (and onto the
/// support offer's buttons) so nothing typed is ever lost.
/// </summary>
internal sealed record IncidentForm
{
    public string? What { get; init; }
    public string? Where { get; init; }
    public string? Links { get; init; }
    public string? Platform { get; init; }
    public string? PlatformOther { get; init; }
    public string? PostedBy { get; init; }
    public string? Kind { get; init; }
    public string? NoticedOn { get; init; }
    public string? StillLive { get; init; }
    public string? Urgency { get; init; }
    public string? Evidence { get; init; }
    public string? ActionsTaken { get; init; }
    public string? SubmissionId { get; init; }
    public string? SupportOffered { get; init; }

    public bool SupportWasOffered => bool.TryParse(SupportOffered, out var offered) && offered;

    /// <summary>
    /// Reads Action.Execute <c>data</c>: the inputs merged with the button's hidden data. The support offer's
    /// "Continue" button carries the typed form under <c>form</c>; that is read the same way.
    /// </summary>
    public static IncidentForm FromJson(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new IncidentForm();
        }

        if (value.TryGetProperty("form", out var carried) && carried.ValueKind == JsonValueKind.Object)
        {
            return FromJson(carried) with
            {
                SubmissionId = Read(value, F.SubmissionId) ?? Read(carried, F.SubmissionId),
                SupportOffered = Read(value, F.SupportOffered) ?? Read(carried, F.SupportOffered),
            };
        }

        return new IncidentForm
        {
            What = Read(value, F.What),
            Where = Read(value, F.Where),
            Links = Read(value, F.Links),
            Platform = Read(value, F.Platform),
            PlatformOther = Read(value, F.PlatformOther),
            PostedBy = Read(value, F.PostedBy),
            Kind = Read(value, F.Kind),
            NoticedOn = Read(value, F.NoticedOn),
            StillLive = Read(value, F.StillLive),
            Urgency = Read(value, F.Urgency),
            Evidence = Read(value, F.Evidence),
            ActionsTaken = Read(value, F.ActionsTaken),
            SubmissionId = Read(value, F.SubmissionId),
            SupportOffered = Read(value, F.SupportOffered),
        };
    }

    private static string? Read(JsonElement value, string name) => FormInputs.Text(value, name);

}
