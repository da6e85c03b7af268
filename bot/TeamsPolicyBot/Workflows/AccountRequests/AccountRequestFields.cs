namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// The Adaptive Card input ids and hidden data keys of the request form and the decision inputs
/// (acct-design.md). Cards, the form reader and the validator's error keys all use these.
/// </summary>
internal static class AccountRequestFields
{
    public const string Platform = "platform";
    public const string PlatformOther = "platformOther";
    public const string Handle = "handle";
    public const string AlreadyExists = "alreadyExists";
    public const string ExistingUrl = "existingUrl";
    public const string UnitType = "unitType";
    public const string UnitName = "unitName";
    public const string Purpose = "purpose";
    public const string Audiences = "audiences";
    public const string StrategicAims = "strategicAims";
    public const string ContentPlan = "contentPlan";
    public const string PostingFrequency = "postingFrequency";
    public const string Evaluation = "evaluation";
    public const string Resourcing = "resourcing";
    public const string SignOff = "signOff";
    public const string SecondAdmin = "secondAdmin";
    public const string SecondAdminEmail = "secondAdminEmail";
    public const string ConfirmPolicy = "confirmPolicy";
    public const string ConfirmSecurity = "confirmSecurity";
    public const string ConfirmTraining = "confirmTraining";
    public const string SubmissionId = "submissionId";
    public const string Reference = "reference";

    public const string RejectReason = "rejectReason";
    public const string RejectDetails = "rejectDetails";
    public const string ChangesMessage = "changesMessage";
}

/// <summary>The design's length limits, in one place for the validator, the state machine and the cards' maxLength.</summary>
internal static class AccountRequestLimits
{
    public const int PlatformOther = 50;
    public const int Handle = 100;
    public const int ExistingUrl = 300;
    public const int UnitName = 150;
    public const int Purpose = 1000;
    public const int Audiences = 500;
    public const int StrategicAims = 1000;
    public const int ContentPlan = 1000;
    public const int Evaluation = 1000;
    public const int Resourcing = 500;
    public const int SignOff = 1000;
    public const int Email = 254;
    public const int RejectDetails = 500;
    public const int ChangesMessage = 1000;
}
