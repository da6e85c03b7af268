namespace TeamsPolicyBot.Protocol.Schema;

public sealed class PagedMembersResult : ExtensibleObject
{
    public string? ContinuationToken { get; set; }
    public IList<TeamsChannelAccount>? Members { get; set; }
}
