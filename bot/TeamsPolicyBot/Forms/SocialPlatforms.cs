namespace TeamsPolicyBot.Forms;

/// <summary>The social media platforms every form asks about.</summary>
internal enum SocialPlatform
{
    X,
    Facebook,
    Instagram,
    LinkedIn,
    YouTube,
    TikTok,
    Bluesky,
    Threads,
    VivaEngage,
    Other,
}

/// <summary>The values the cards send for a platform and the words people read, shared by every workflow's form.</summary>
internal static class SocialPlatforms
{
    public static ChoiceSet<SocialPlatform> Choices { get; } = new(
        new("x", SocialPlatform.X, "X (Twitter)"),
        new("facebook", SocialPlatform.Facebook, "Facebook"),
        new("instagram", SocialPlatform.Instagram, "Instagram"),
        new("linkedin", SocialPlatform.LinkedIn, "LinkedIn"),
        new("youtube", SocialPlatform.YouTube, "YouTube"),
        new("tiktok", SocialPlatform.TikTok, "TikTok"),
        new("bluesky", SocialPlatform.Bluesky, "Bluesky"),
        new("threads", SocialPlatform.Threads, "Threads"),
        new("vivaengage", SocialPlatform.VivaEngage, "Viva Engage (Yammer)"),
        new("other", SocialPlatform.Other, "Other"));

    /// <summary>The platform's name, or what was typed for Other.</summary>
    public static string NameOf(SocialPlatform platform, string? other) =>
        platform == SocialPlatform.Other && other is not null ? other : Choices.TitleOf(platform);
}
