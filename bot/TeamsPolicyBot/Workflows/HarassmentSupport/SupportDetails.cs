using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// A referral's validated content. Everything here is confidential: it reaches only the person, the case
/// handler who takes the case, and the line manager when <see cref="ManagerSharing"/> allows it.
/// </summary>
internal sealed record SupportDetails
{
    public required string What { get; init; }
    public required IReadOnlyList<SocialPlatform> Platforms { get; init; }
    public string? PlatformOther { get; init; }
    public required IReadOnlyList<Uri> Links { get; init; }
    public required DateOnly Since { get; init; }
    public required StillHappening Ongoing { get; init; }
    public required WorkRelation WorkRelation { get; init; }

    /// <summary>They feel physically unsafe now: urgent.</summary>
    public required bool FeelsUnsafe { get; init; }
    public required IReadOnlyList<SupportNeed> Needs { get; init; }
    public required ManagerSharing ManagerSharing { get; init; }

    public string PlatformNames => string.Join(", ", Platforms.Select(p => SocialPlatforms.NameOf(p, PlatformOther)));
}
