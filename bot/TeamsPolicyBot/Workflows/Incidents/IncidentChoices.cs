using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Whose account posted the content.</summary>
internal enum PostedBy
{
    OfficialAccount,
    StaffPersonalAccount,
    OutsideInstitution,
    Unknown,
}

/// <summary>What kind of incident it is (policy 6.1, 6.2, 4.18, 4.22). Stored by name: add new kinds, never rename one.</summary>
internal enum IncidentKind
{
    PolicyBreach,
    ReputationalDamage,
    CompromisedAccount,
    Harassment,
    Misinformation,
    Other,

    /// <summary>Policy 4.22: advice before something is posted. Never urgent: nothing is out yet.</summary>
    AdviceBeforePosting,

    /// <summary>A fake account using the university's name: triaged like a compromised account, always urgent.</summary>
    Impersonation,
}

/// <summary>Where the reported content is; only a public post has a link everyone can be asked for.</summary>
internal enum ContentLocation
{
    PublicPost,
    DirectMessage,
    Deleted,
    Draft,
}

internal enum StillLive
{
    Yes,
    No,
    NotSure,
}

internal enum Urgency
{
    Urgent,
    Normal,
}

/// <summary>How Comms closed the incident (policy 4.8-4.10, 6.4, 6.5).</summary>
internal enum ResolutionOutcome
{
    ContentRemoved,
    ResponsePosted,
    ReportedToPlatform,
    DisciplinaryReferral,
    NoActionNeeded,
    Other,
}

/// <summary>The values the incident cards send and the words people read, for every choice input.</summary>
internal static class IncidentChoices
{
    public static ChoiceSet<PostedBy> PostedBy { get; } = new(
        new("officialAccount", Incidents.PostedBy.OfficialAccount, "One of the university's official accounts"),
        new("staffPersonal", Incidents.PostedBy.StaffPersonalAccount, "A member of staff's personal account"),
        new("outside", Incidents.PostedBy.OutsideInstitution, "Someone outside the university"),
        new("unknown", Incidents.PostedBy.Unknown, "I don't know"));

    public static ChoiceSet<IncidentKind> Kinds { get; } = new(
        new("policyBreach", IncidentKind.PolicyBreach, "A possible breach of the social media policy by staff"),
        new("reputation", IncidentKind.ReputationalDamage, "Content that could damage the university's or a colleague's reputation"),
        new("compromised", IncidentKind.CompromisedAccount, "An official account that seems compromised (hacked, phishing, lost access)"),
        new("harassment", IncidentKind.Harassment, "Harassment of a member of staff"),
        new("misinformation", IncidentKind.Misinformation, "Misinformation about the university or its research"),
        new("impersonation", IncidentKind.Impersonation, "Someone is impersonating the university or one of its official accounts (a fake account)"),
        new("advice", IncidentKind.AdviceBeforePosting, "I'd like advice before posting: it could be viewed as damaging to the university's reputation, or that of its staff or students (4.22)"),
        new("other", IncidentKind.Other, "Something else"));

    public static ChoiceSet<ContentLocation> Locations { get; } = new(
        new("public", ContentLocation.PublicPost, "In a public post, comment or profile"),
        new("directMessage", ContentLocation.DirectMessage, "In a direct message"),
        new("deleted", ContentLocation.Deleted, "It has been deleted"),
        new("draft", ContentLocation.Draft, "In a draft that has not been posted"));

    public static ChoiceSet<StillLive> StillLive { get; } = new(
        new("yes", Incidents.StillLive.Yes, "Yes, it is still up"),
        new("no", Incidents.StillLive.No, "No, it has been taken down"),
        new("notSure", Incidents.StillLive.NotSure, "I'm not sure"));

    public static ChoiceSet<Urgency> Urgencies { get; } = new(
        new("urgent", Urgency.Urgent, "Urgent: it is spreading now or causing harm"),
        new("normal", Urgency.Normal, "Normal"));

    /// <summary>
    /// The urgency a kind sets whatever the reporter chose: advice before posting is never urgent (nothing is out yet);
    /// a fake account is always urgent, like a compromised one, because it can phish or mislead people until it is taken
    /// down (4.18, 5.2). Null: the reporter's choice stands.
    /// </summary>
    public static Urgency? UrgencyOf(IncidentKind kind) => kind switch
    {
        IncidentKind.AdviceBeforePosting => Urgency.Normal,
        IncidentKind.Impersonation => Urgency.Urgent,
        _ => null,
    };

    /// <summary>Whether the report can go without a link: the content is private, gone or not posted yet.</summary>
    public static bool NeedsNoLink(ContentLocation? location, IncidentKind? kind) =>
        location is ContentLocation.DirectMessage or ContentLocation.Deleted or ContentLocation.Draft
        || kind == IncidentKind.AdviceBeforePosting;

    public static ChoiceSet<ResolutionOutcome> Outcomes { get; } = new(
        new("contentRemoved", ResolutionOutcome.ContentRemoved, "Content removed"),
        new("responsePosted", ResolutionOutcome.ResponsePosted, "Response posted"),
        new("reportedToPlatform", ResolutionOutcome.ReportedToPlatform, "Reported to the platform"),
        new("disciplinary", ResolutionOutcome.DisciplinaryReferral, "Referred under the disciplinary policy (6.4, 6.5)"),
        new("noAction", ResolutionOutcome.NoActionNeeded, "No action needed"),
        new("other", ResolutionOutcome.Other, "Other"));
}
