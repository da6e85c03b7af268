using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// The audit's three reminders. Each records its step on the account first (ETag-conditional, so of several instances
/// and retries one changes it), then says what follows. A step already recorded for this round is said again under the
/// same idempotency keys only when the account still stands where that step left it: a reminder whose instance died
/// between saving and queuing repairs itself; one for an audit completed in time says nothing.
/// </summary>
internal abstract class AuditReminder(IOfficialAccounts accounts, AuditFollowUp followUp, TimeProvider time) : IReminderHandler
{
    public abstract ReminderKind Kind { get; }

    protected AuditFollowUp FollowUp => followUp;

    public async Task HandleAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        if (AuditFollowUp.Parse(key) is not var (reference, round))
        {
            return;
        }

        var now = time.GetUtcNow();
        var outcome = await accounts.ApplyAsync(reference, account => Record(account, round, now), cancellationToken);
        if ((outcome.Changed ?? (outcome.Current is { } current && AlreadyRecorded(current, round) ? current : null)) is { } account)
        {
            await FollowAsync(account, cancellationToken);
        }
    }

    protected abstract AccountTransition Record(OfficialAccount account, int round, DateTimeOffset now);

    protected abstract bool AlreadyRecorded(OfficialAccount account, int round);

    protected abstract Task FollowAsync(OfficialAccount account, CancellationToken cancellationToken);
}

/// <summary>The audit's date: the account's status becomes Audit due and every administrator gets the audit card.</summary>
internal sealed class AuditDueReminder(IOfficialAccounts accounts, AuditFollowUp followUp, TimeProvider time) : AuditReminder(accounts, followUp, time)
{
    public override ReminderKind Kind => AuditFollowUp.Due;

    protected override AccountTransition Record(OfficialAccount account, int round, DateTimeOffset now) => account.StartAudit(round, now);

    protected override bool AlreadyRecorded(OfficialAccount account, int round) => account.AwaitsAudit(round) && account.Audit!.ChangesCount == 0;

    protected override Task FollowAsync(OfficialAccount account, CancellationToken cancellationToken) => FollowUp.AuditStartedAsync(account, cancellationToken);
}

/// <summary><c>Accounts:AuditChaseAfter</c> after the cards went out, not completed: the administrators are reminded once.</summary>
internal sealed class AuditChaseReminder(IOfficialAccounts accounts, AuditFollowUp followUp, TimeProvider time) : AuditReminder(accounts, followUp, time)
{
    public override ReminderKind Kind => AuditFollowUp.Chase;

    protected override AccountTransition Record(OfficialAccount account, int round, DateTimeOffset now) => account.NoteOverdue(round, OfficialAccount.Actions.AuditChased, now);

    protected override bool AlreadyRecorded(OfficialAccount account, int round) => account.AwaitsAudit(round) && account.HasNoted(round, OfficialAccount.Actions.AuditChased);

    protected override Task FollowAsync(OfficialAccount account, CancellationToken cancellationToken) => FollowUp.ChasedAsync(account, cancellationToken);
}

/// <summary><c>Accounts:AuditEscalateAfter</c> after the cards went out, not completed: Comms and the administrators' line managers are told once.</summary>
internal sealed class AuditEscalationReminder(IOfficialAccounts accounts, AuditFollowUp followUp, TimeProvider time) : AuditReminder(accounts, followUp, time)
{
    public override ReminderKind Kind => AuditFollowUp.Escalate;

    protected override AccountTransition Record(OfficialAccount account, int round, DateTimeOffset now) => account.NoteOverdue(round, OfficialAccount.Actions.AuditEscalated, now);

    protected override bool AlreadyRecorded(OfficialAccount account, int round) => account.AwaitsAudit(round) && account.HasNoted(round, OfficialAccount.Actions.AuditEscalated);

    protected override Task FollowAsync(OfficialAccount account, CancellationToken cancellationToken) => FollowUp.EscalatedAsync(account, cancellationToken);
}
