using System.Text.Json;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Workflows.Incidents;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The referral form as submitted, unchecked, and as the cards show it again (raw, never escaped: it
/// goes back into inputs). Carried under <c>form</c> on the confirm card's buttons, so nothing typed is lost.
/// </summary>
internal sealed record SupportForm
{
    public string What { get; init; } = "";
    public string Platforms { get; init; } = "";
    public string PlatformOther { get; init; } = "";
    public string Links { get; init; } = "";
    public string Since { get; init; } = "";
    public string Ongoing { get; init; } = "";
    public string WorkRelation { get; init; } = "";
    public string FeelsUnsafe { get; init; } = "";
    public string Needs { get; init; } = "";
    public string ManagerSharing { get; init; } = "";

    /// <summary>Reads the inputs, or the form carried under <c>form</c> (the confirm card's and the incident form's hand-over).</summary>
    public static SupportForm FromJson(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new SupportForm();
        }

        if (value.TryGetProperty("form", out var carried) && carried.ValueKind == JsonValueKind.Object)
        {
            return FromJson(carried);
        }

        return new SupportForm
        {
            What = Read(value, F.What),
            Platforms = Read(value, F.Platforms),
            PlatformOther = Read(value, F.PlatformOther),
            Links = Read(value, F.Links),
            Since = Read(value, F.Since),
            Ongoing = Read(value, F.Ongoing),
            WorkRelation = Read(value, F.WorkRelation),
            FeelsUnsafe = Read(value, F.FeelsUnsafe),
            Needs = Read(value, F.Needs),
            ManagerSharing = Read(value, F.ManagerSharing),
        };
    }

    /// <summary>
    /// What fits from the incident form's hand-over (<c>form</c> with <c>what</c>, <c>platform</c>,
    /// <c>platformOther</c>, <c>links</c>, <c>noticedOn</c>, <c>stillLive</c>, <c>urgency</c>).
    /// </summary>
    /// <param name="today">The person's today (UK): the day noticed becomes the nearest "since when" choice.</param>
    public static SupportForm FromIncidentForm(JsonElement value, DateOnly today)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("form", out var form) || form.ValueKind != JsonValueKind.Object)
        {
            return new SupportForm();
        }

        return new SupportForm
        {
            What = Read(form, IncidentFields.What),
            Platforms = Read(form, IncidentFields.Platform),
            PlatformOther = Read(form, IncidentFields.PlatformOther),
            Links = Read(form, IncidentFields.Links),
            Since = DateOnly.TryParseExact(Read(form, IncidentFields.NoticedOn), "yyyy-MM-dd", out var noticed) ? SupportChoices.SinceValueFor(noticed, today) : "",
            Ongoing = Read(form, IncidentFields.StillLive) switch
            {
                "yes" => "yes",
                "no" => "no",
                "notSure" => "notSure",
                _ => "",
            },
        };
    }

    private static string Read(JsonElement value, string name) => FormInputs.Text(value, name) ?? "";
}
