namespace TeamsPolicyBot.Protocol.Schema;

/// <summary>A user or bot. In Teams, <see cref="Id"/> is the "29:..." MRI and <see cref="AadObjectId"/> the Entra object id.</summary>
public sealed class ChannelAccount : ExtensibleObject
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}

public sealed class ConversationAccount : ExtensibleObject
{
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? TenantId { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}

/// <summary>A member as the Teams roster describes it (GET .../members/{id}).</summary>
public sealed class TeamsChannelAccount : ExtensibleObject
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
    public string? UserRole { get; set; }
}

/// <summary>Everything needed to send to a conversation outside a turn.</summary>
public sealed class ConversationReference : ExtensibleObject
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }
}
