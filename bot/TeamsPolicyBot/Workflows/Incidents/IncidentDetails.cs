using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>A report's validated content.</summary>
internal sealed record IncidentDetails
{
    public required string What { get; init; }
    /// <summary>Null on reports stored before the form asked (they all had a link).</summary>
    public ContentLocation? Where { get; init; }

    /// <summary>Empty only when the content is a direct message, deleted or a draft, or advice is asked before posting.</summary>
    public required IReadOnlyList<Uri> Links { get; init; }
    public required SocialPlatform Platform { get; init; }

    /// <summary>The platform's name when <see cref="Platform"/> is Other, else null.</summary>
    public string? PlatformOther { get; init; }
    public required PostedBy PostedBy { get; init; }
    public required IncidentKind Kind { get; init; }
    public required DateOnly NoticedOn { get; init; }
    public required StillLive StillLive { get; init; }
    public required Urgency Urgency { get; init; }
    public string? Evidence { get; init; }
    public string? ActionsTaken { get; init; }

    public string PlatformName =>
        SocialPlatforms.NameOf(Platform, PlatformOther);

    /// <summary>A one-line label for lists: "Urgent · X (Twitter) · An official account that seems compromised".</summary>
    public string Title => $"{(Urgency == Urgency.Urgent ? "Urgent" : "Not marked urgent")} · {PlatformName} · {IncidentChoices.Kinds.TitleOf(Kind)}";
}
