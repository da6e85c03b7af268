namespace TeamsPolicyBot.Records;

/// <summary>Someone acting on a record: an approver, a triager, or the person who made it.</summary>
internal sealed record Actor(string AadObjectId, string Name);
