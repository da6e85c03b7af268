using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Roughly when it started: a choice, not a date (nobody should have to work out a day when they are struggling).</summary>
internal enum SinceWhen
{
    ThisWeek,
    ThisMonth,
    LongerThanAMonth,
    NotSure,
}

internal enum StillHappening
{
    Yes,
    No,
    NotSure,
}

/// <summary>Whether the harassment is about the person's research or work (policy 4.11).</summary>
internal enum WorkRelation
{
    Research,
    OtherWork,
    NotWork,
    NotSure,
}

/// <summary>The support the person would like.</summary>
internal enum SupportNeed
{
    AdviceOnResponding,
    ReportingToPlatform,
    SecurityAdvice,
    Wellbeing,
    LegalOrPolice,
    RemoveOwnChannelContent,
    NotSure,
}

/// <summary>
/// What the line manager is told, and when: the person decides. Stored by name, so requests stored before the last
/// two existed still load as they were.
/// </summary>
internal enum ManagerSharing
{
    /// <summary>Told when the request is sent: the full details of the referral.</summary>
    FullDetails,

    /// <summary>Told when the request is sent: only that a referral exists and how to support them.</summary>
    ReferralOnly,

    /// <summary>
    /// Not told when the request is sent: the person talks to the case handler first, who tells the manager later
    /// (<see cref="FullDetails"/> or <see cref="ReferralOnly"/>, as agreed with them) through "Tell their line manager now".
    /// </summary>
    TalkFirst,

    /// <summary>The line manager is involved in what is happening: never told through the bot.</summary>
    ManagerInvolved,
}

/// <summary>How a case was closed.</summary>
internal enum CaseOutcome
{
    SupportGiven,
    ReferredOn,
    ReportedToPlatform,
    ContentRemoved,
    NoFurtherSupportWanted,
    Other,
}

internal static class SupportChoices
{
    public static ChoiceSet<CaseOutcome> Outcomes { get; } = new(
        new("supportGiven", CaseOutcome.SupportGiven, "Support and advice given"),
        new("referredOn", CaseOutcome.ReferredOn, "Referred to wellbeing, security or the police"),
        new("reportedToPlatform", CaseOutcome.ReportedToPlatform, "Reported to the platform"),
        new("contentRemoved", CaseOutcome.ContentRemoved, "Content removed"),
        new("noFurtherSupport", CaseOutcome.NoFurtherSupportWanted, "No further support wanted"),
        new("other", CaseOutcome.Other, "Other"));

    public static ChoiceSet<SinceWhen> Since { get; } = new(
        new("thisWeek", SinceWhen.ThisWeek, "This week"),
        new("thisMonth", SinceWhen.ThisMonth, "This month"),
        new("longer", SinceWhen.LongerThanAMonth, "Longer than a month"),
        new("notSure", SinceWhen.NotSure, "Not sure"));

    /// <summary>The choice nearest a day noticed (the incident form asks for a date): within 7 days, within 31, or longer.</summary>
    public static string SinceValueFor(DateOnly noticed, DateOnly today) => (today.DayNumber - noticed.DayNumber) switch
    {
        < 0 => "",
        < 7 => "thisWeek",
        <= 31 => "thisMonth",
        _ => "longer",
    };

    public static ChoiceSet<StillHappening> Ongoing { get; } = new(
        new("yes", StillHappening.Yes, "Yes, it is still happening"),
        new("no", StillHappening.No, "No, it has stopped"),
        new("notSure", StillHappening.NotSure, "I'm not sure"));

    public static ChoiceSet<WorkRelation> WorkRelations { get; } = new(
        new("research", WorkRelation.Research, "Yes, my research"),
        new("work", WorkRelation.OtherWork, "Yes, other work I do for the university"),
        new("no", WorkRelation.NotWork, "No"),
        new("notSure", WorkRelation.NotSure, "I'm not sure"));

    public static ChoiceSet<SupportNeed> Needs { get; } = new(
        new("responding", SupportNeed.AdviceOnResponding, "Advice on whether and how to respond"),
        new("reporting", SupportNeed.ReportingToPlatform, "Help reporting it to the platform"),
        new("security", SupportNeed.SecurityAdvice, "Security advice (online or on campus)"),
        new("wellbeing", SupportNeed.Wellbeing, "Wellbeing support"),
        new("legal", SupportNeed.LegalOrPolice, "Guidance on legal or police routes"),
        new("removeContent", SupportNeed.RemoveOwnChannelContent, "Removing content from the university's own channels"),
        new("notSure", SupportNeed.NotSure, "I'm not sure yet: I'd like to talk it through"));

    public static ChoiceSet<ManagerSharing> Sharing { get; } = new(
        new("full", ManagerSharing.FullDetails, "The full details of this request"),
        new("referralOnly", ManagerSharing.ReferralOnly, "Only that I asked for support, and how to support me"),
        new("talkFirst", ManagerSharing.TalkFirst, "I'd like to talk to a case handler first"),
        new("involved", ManagerSharing.ManagerInvolved, "My line manager is involved"));

    /// <summary>
    /// What the case handler may tell the manager later, on a "talk first" request: what the person agreed with them in
    /// the conversation. The same two values as on the form, so the notice is the one a sent request would have queued.
    /// </summary>
    public static ChoiceSet<ManagerSharing> LaterSharing { get; } = new(
        new("full", ManagerSharing.FullDetails, "With the details"),
        new("referralOnly", ManagerSharing.ReferralOnly, "Only that they asked for support, and how to support them"));

    /// <summary>Told when the request is sent (the first two choices); the other two wait for, or never get, a case handler's step.</summary>
    public static bool TellsManagerAtOnce(this ManagerSharing sharing) => sharing is ManagerSharing.FullDetails or ManagerSharing.ReferralOnly;
}
