using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>What became of telling the line manager (told, or not reached and why), or null while nobody has tried.</summary>
    public AuditEntry? ManagerOutcome => Audit.FirstOrDefault(entry => entry.Action is ReferralAuditActions.ManagerTold or ReferralAuditActions.ManagerNotReached);

    /// <summary>The bot could not message the line manager: on the record (once), and the case handlers follow up.</summary>
    public ReferralTransition RecordManagerNotReached(string reason, DateTimeOffset at) =>
        RecordOnce(at, ReferralAuditActions.ManagerNotReached, reason, alreadyRecorded: ManagerOutcome is not null);

    public ReferralTransition RecordManagerTold(DateTimeOffset at) =>
        RecordOnce(at, ReferralAuditActions.ManagerTold, ManagerMaySeeDetails ? "With the details" : "That a referral exists only", alreadyRecorded: ManagerOutcome is not null);

    /// <summary>
    /// The reminder for an urgent referral nobody took: refused once a case handler took it or it was closed, so the
    /// reminder then says nothing (withdrawn too: the person no longer needs it); recorded once, so a reminder that runs again (after a crash) records nothing more.
    /// </summary>
    public ReferralTransition RecordNotTakenInTime(int minutes, DateTimeOffset at) => Status != ReferralStatus.New
        ? Refuse($"{Reference} was taken, closed or withdrawn in time.")
        : RecordOnce(at, ReferralAuditActions.NotTakenInTime, $"Not taken within {minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes", alreadyRecorded: HasBeenRemindedNotTaken);

    private bool HasBeenRemindedNotTaken => Audit.Any(entry => entry.Action == ReferralAuditActions.NotTakenInTime);

    /// <summary>A system entry on the history, or the referral as it is when it is there already (saving it again changes nothing).</summary>
    private ReferralTransition RecordOnce(DateTimeOffset at, string action, string detail, bool alreadyRecorded) => alreadyRecorded
        ? this
        : this with { UpdatedAt = at, Audit = Audit.Add(new AuditEntry(at, string.Empty, AuditEntry.SystemName, action, detail)) };
}
