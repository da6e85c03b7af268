namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The input ids and hidden data keys of the harassment support cards; the validator's error keys too.</summary>
internal static class SupportFields
{
    public const string What = "what";
    public const string Platforms = "platforms";
    public const string PlatformOther = "platformOther";
    public const string Links = "links";
    public const string Since = "since";
    public const string Ongoing = "ongoing";
    public const string WorkRelation = "workRelation";
    public const string FeelsUnsafe = "feelsUnsafe";
    public const string Needs = "needs";
    public const string ManagerSharing = "managerSharing";
    public const string ManagerEmail = "managerEmail";

    /// <summary>The people picker's choice (an Entra object id) when the directory found no manager.</summary>
    public const string ManagerId = "managerId";
    public const string SubmissionId = "submissionId";
    public const string ShownManagerId = "shownManagerId";
    public const string Reference = "reference";
    public const string Message = "message";
    public const string ActionTaken = "actionTaken";
    public const string Outcome = "outcome";
    public const string OutcomeNotes = "outcomeNotes";

    /// <summary>The person's optional note to the case handler when they withdraw their request.</summary>
    public const string WithdrawReason = "withdrawReason";

    /// <summary>The case handler a case is handed over to (an Entra object id, from the list or the people picker).</summary>
    public const string HandOverTo = "handOverTo";
    public const string HandOverNote = "handOverNote";

    /// <summary>On "Tell their line manager now": what the person agreed the manager may be told ("full" or "referralOnly").</summary>
    public const string TellManagerWith = "tellManagerWith";

    /// <summary>A fresh id on each rendering of a card with a message or action box: the same id again is a retried click.</summary>
    public const string DraftId = "draftId";

    /// <summary>On the channel card's "Send me the details again" (<see cref="ResendDetails"/>): unlike a second "Take case", it sends them again.</summary>
    public const string Resend = "resend";
    public const string ResendDetails = "details";
}

internal static class SupportLimits
{
    public const int What = 4000;
    public const int PlatformOther = 50;
    public const int Email = 254;
    public const int Message = 2000;
    public const int ActionTaken = 1000;
    public const int OutcomeNotes = 1000;
    public const int WithdrawReason = 1000;
    public const int HandOverNote = 1000;
}
