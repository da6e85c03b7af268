using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>How many of each growing list the record keeps; older entries move to child rows. A message holds up to 2,000 characters.</summary>
    public static ListBound MessagesBound { get; } = new(Max: 12, Keep: 6);

    public static ListBound ActionsBound { get; } = new(Max: 12, Keep: 6);

    public static ListBound HandOversBound { get; } = new(Max: 8, Keep: 4);

    public static ListBound AuditBound { get; } = new(Max: 40, Keep: 20);

    /// <summary>
    /// The referral with its messages, actions, hand-overs and history cut back to their bounds, and what moved out, for the
    /// storage to keep in child rows. The history entries this record looks up (<see cref="ManagerOutcome"/>, the
    /// not-taken reminder) stay.
    /// </summary>
    public RecordSplit<SupportReferral> MoveOldEntries()
    {
        var (messages, movedMessages) = MessagesBound.Split(Messages);
        var (actions, movedActions) = ActionsBound.Split(Actions);
        var (handOvers, movedHandOvers) = HandOversBound.Split(HandOvers);
        var (audit, movedAudit) = AuditBound.Split(Audit, entry => entry.Action is not (ReferralAuditActions.ManagerTold or ReferralAuditActions.ManagerNotReached or ReferralAuditActions.NotTakenInTime));
        return RecordSplit<SupportReferral>.Of(
            this,
            [
                .. MovedEntries.IfAny("messages", EarlierMessages, movedMessages),
                .. MovedEntries.IfAny("actions", EarlierActions, movedActions),
                .. MovedEntries.IfAny("handovers", EarlierHandOvers, movedHandOvers),
                .. MovedEntries.IfAny("audit", EarlierAudit, movedAudit),
            ],
            () => this with
            {
                Messages = messages,
                EarlierMessages = EarlierMessages + movedMessages.Count,
                Actions = actions,
                EarlierActions = EarlierActions + movedActions.Count,
                HandOvers = handOvers,
                EarlierHandOvers = EarlierHandOvers + movedHandOvers.Count,
                Audit = audit,
                EarlierAudit = EarlierAudit + movedAudit.Count,
            });
    }
}
