namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The audit actions. Their details never hold the person's free text.</summary>
internal static class ReferralAuditActions
{
    public const string Requested = "Support requested";
    public const string Taken = "Case taken";
    public const string ManagerNotReached = "Line manager not reached: case handlers told";
    public const string ManagerTold = "Line manager told";

    /// <summary>On a "talk first" request: the case handler chose "Tell their line manager now" (the notice follows, as <see cref="ManagerTold"/>).</summary>
    public const string ManagerToldByHandler = "Case handler told the line manager, as agreed with the person";
    public const string MessageToPerson = "Message to the person";
    public const string MessageFromPerson = "Message from the person";
    public const string ActionRecorded = "Action recorded";
    public const string Closed = "Closed";
    public const string Withdrawn = "Withdrawn by the person";
    public const string HandedOver = "Handed over";
    public const string NotTakenInTime = "Urgent and not taken in time: case handlers and escalation contacts reminded";
}
