using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// A referral's validated content. Everything here is confidential: it reaches only the person, the case
/// handler who takes the case, and the line manager when <see cref="ManagerSharing"/> allows it.
/// </summary>
internal sealed record SupportDetails
{
    public required string What { get; init; }
    /// <summary>Empty when they did not say (only <see cref="What"/> and <see cref="ManagerSharing"/> are required).</summary>
    public required IReadOnlyList<SocialPlatform> Platforms { get; init; }
    public string? PlatformOther { get; init; }
    public required IReadOnlyList<Uri> Links { get; init; }

    /// <summary>Roughly when it started, or null when they did not say (and on requests stored before it was a choice).</summary>
    public SinceWhen? SinceWhen { get; init; }

    /// <summary>The day it started, on requests stored before <see cref="SinceWhen"/> replaced it: kept so they still load and show it.</summary>
    public DateOnly? Since { get; init; }

    public StillHappening? Ongoing { get; init; }
    public WorkRelation? WorkRelation { get; init; }

    /// <summary>They feel physically unsafe now: urgent.</summary>
    public required bool FeelsUnsafe { get; init; }
    public required IReadOnlyList<SupportNeed> Needs { get; init; }
    public required ManagerSharing ManagerSharing { get; init; }

    public string PlatformNames => string.Join(", ", Platforms.Select(p => p == SocialPlatform.Other && string.IsNullOrWhiteSpace(PlatformOther) ? "Other" : SocialPlatforms.NameOf(p, PlatformOther)));
}
