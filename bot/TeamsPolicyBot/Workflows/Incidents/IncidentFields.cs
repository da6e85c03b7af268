namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The Adaptive Card input ids and hidden data keys of the incident cards; the validator's error keys too.</summary>
internal static class IncidentFields
{
    public const string What = "what";
    public const string Where = "where";
    public const string Links = "links";
    public const string Platform = "platform";
    public const string PlatformOther = "platformOther";
    public const string PostedBy = "postedBy";
    public const string Kind = "kind";
    public const string NoticedOn = "noticedOn";
    public const string StillLive = "stillLive";
    public const string Urgency = "urgency";
    public const string Evidence = "evidence";
    public const string ActionsTaken = "actionsTaken";
    public const string SubmissionId = "submissionId";

    /// <summary>"true" once the reporter saw the support offer and chose to go on with the report.</summary>
    public const string SupportOffered = "supportOffered";
    public const string Reference = "reference";

    public const string Question = "question";
    public const string QuestionNumber = "questionNumber";
    public const string Answer = "answer";
    public const string Outcome = "outcome";
    public const string OutcomeNotes = "outcomeNotes";
}

/// <summary>Length limits, for the validator, the state machine and the cards' maxLength.</summary>
internal static class IncidentLimits
{
    public const int What = 2000;
    public const int PlatformOther = 50;
    public const int Evidence = 1000;
    public const int ActionsTaken = 1000;
    public const int Question = 1000;
    public const int Answer = 2000;
    public const int OutcomeNotes = 1000;
}
