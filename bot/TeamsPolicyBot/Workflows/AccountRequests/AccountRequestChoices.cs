using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>Which part of the institution the account speaks for (policy 3.1).</summary>
internal enum UnitType
{
    Faculty,
    MrcUnit,
    Department,
    ResearchCentre,
    Group,
    Project,
    Network,
}

internal enum PostingFrequency
{
    Daily,
    SeveralPerWeek,
    Weekly,
    Monthly,
    Occasional,
}

/// <summary>Why Comms refuses an account (policy 4.2 names the first two).</summary>
internal enum RejectReason
{
    InsufficientResource,
    ReputationalRisk,
    Duplicate,
    Other,
}

/// <summary>The values the cards send (acct-design.md) and the words people read, for every choice input.</summary>
internal static class AccountRequestChoices
{

    public static ChoiceSet<UnitType> UnitTypes { get; } = new(
        new("faculty", UnitType.Faculty, "Faculty"),
        new("mrcUnit", UnitType.MrcUnit, "MRC Unit"),
        new("department", UnitType.Department, "Department"),
        new("researchCentre", UnitType.ResearchCentre, "Research centre"),
        new("group", UnitType.Group, "Group"),
        new("project", UnitType.Project, "Project"),
        new("network", UnitType.Network, "Network"));

    public static ChoiceSet<PostingFrequency> PostingFrequencies { get; } = new(
        new("daily", PostingFrequency.Daily, "Every day"),
        new("severalPerWeek", PostingFrequency.SeveralPerWeek, "Several times a week"),
        new("weekly", PostingFrequency.Weekly, "Every week"),
        new("monthly", PostingFrequency.Monthly, "Every month"),
        new("occasional", PostingFrequency.Occasional, "Now and then"));

    public static ChoiceSet<RejectReason> RejectReasons { get; } = new(
        new("insufficientResource", RejectReason.InsufficientResource, "Not enough resource to run it well (4.2)"),
        new("reputationalRisk", RejectReason.ReputationalRisk, "Reputational risk (4.2)"),
        new("duplicate", RejectReason.Duplicate, "Duplicates an existing official account"),
        new("other", RejectReason.Other, "Other"));
}
