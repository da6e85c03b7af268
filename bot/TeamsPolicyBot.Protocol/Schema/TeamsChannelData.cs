namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>The Teams-specific part of an activity's channelData.</summary>
public sealed class TeamsChannelData : ExtensibleObject
{
    public TeamsTenantInfo? Tenant { get; set; }
    public TeamsTeamInfo? Team { get; set; }
    public TeamsTeamInfo? Channel { get; set; }
    public string? EventType { get; set; }
}

public sealed class TeamsTenantInfo : ExtensibleObject
{
    public string? Id { get; set; }
}

public sealed class TeamsTeamInfo : ExtensibleObject
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}
