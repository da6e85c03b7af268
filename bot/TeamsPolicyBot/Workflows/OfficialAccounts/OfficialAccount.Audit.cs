using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>What the administrators answered in a yearly audit (policy 4.17, 4.18, 4.20). Never a password.</summary>
/// <param name="StillActive">"yes" or "no": the account is still used.</param>
/// <param name="LastPost">When they last posted, in their words ("last week", "3 March").</param>
/// <param name="TwoFactor">"yes" or "no": two-factor authentication is on.</param>
/// <param name="PasswordsChanged">"yes", "no" or "nobodyLeft": the password was changed since anyone with it left.</param>
/// <param name="PlanStillValid">"yes" or "no": the plan, audience and sign-off approved still hold.</param>
internal sealed record AuditAnswers(string StillActive, string LastPost, string TwoFactor, string PasswordsChanged, string PlanStillValid, string? AdministratorsNote, string? ForComms);

/// <summary>One yearly audit: when its cards went out, what Comms last asked for, who completed it, and Comms's review.</summary>
internal sealed record AccountAudit(int Round, DateTimeOffset StartedAt)
{
    public string? ChangesAsked { get; init; }

    public AuditAnswers? Answers { get; init; }

    public Stamp? Completed { get; init; }

    /// <summary>Comms's review: "Continue", "Ask for changes" or "Close", by whom.</summary>
    public string? Review { get; init; }

    public Stamp? Reviewed { get; init; }

    /// <summary>How many times Comms asked for changes: keeps the cards sent again apart from the first ones.</summary>
    public int ChangesCount { get; init; }
}

internal sealed record AccountRefusal(string Message) : IRefusal;

internal sealed record AccountTransition(OfficialAccount? Next, AccountRefusal? Refusal) : Transition<OfficialAccount, AccountRefusal>(Next, Refusal)
{
    public static AccountTransition To(OfficialAccount next) => new(next, null);

    public static AccountTransition Refused(string message) => new(null, new AccountRefusal(message));
}

/// <summary>The yearly audit and closing as a state machine: every change is checked here, so a forged or stale click is refused.</summary>
internal sealed partial record OfficialAccount
{
    /// <summary>The words on the history lines, stable for filtering.</summary>
    public static class Actions
    {
        public const string AuditSent = "Audit cards sent";
        public const string AuditCompleted = "Audit completed";
        public const string AuditChased = "Audit reminder sent";
        public const string AuditEscalated = "Audit overdue: Comms and line managers told";
        public const string Continued = "Audit reviewed: continues";
        public const string ChangesAsked = "Audit reviewed: changes asked for";
        public const string Closing = "Closing";
        public const string Closed = "Closed";
    }

    public bool IsAdministrator(string? aadObjectId) =>
        !string.IsNullOrWhiteSpace(aadObjectId) && Administrators.Any(admin => ObjectIds.Same(admin.AadObjectId, aadObjectId));

    /// <summary>The administrators the bot can reach: those with an Entra object id (one named only by email has not accepted yet).</summary>
    public IReadOnlyList<string> AdministratorIds => [.. Administrators.Select(admin => admin.AadObjectId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether audit <paramref name="round"/> is the open one and still waits for the administrators.</summary>
    public bool AwaitsAudit(int round) => Status == OfficialAccountStatus.AuditDue && AuditRound == round && Audit is { Completed: null };

    /// <summary>The audit's date came: its cards go out. Refused when the round already started or the account is closing.</summary>
    public AccountTransition StartAudit(int round, DateTimeOffset now)
    {
        if (AuditRound >= round || Status is not OfficialAccountStatus.Active)
        {
            return AccountTransition.Refused($"The audit of {SourceReference} has already started, or the account is {OfficialAccountStatuses.Text(Status)}.");
        }

        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.AuditDue,
            AuditRound = round,
            Audit = new AccountAudit(round, now),
            History = [.. History, System(now, Actions.AuditSent, $"audit {round}")],
        });
    }

    public AccountTransition CompleteAudit(Actor by, int round, AuditAnswers answers, DateTimeOffset now)
    {
        if (!IsAdministrator(by.AadObjectId))
        {
            return AccountTransition.Refused("Only this account's administrators can complete its audit.");
        }

        if (Audit is { Completed: { } done } && Audit.Round == round)
        {
            return AccountTransition.Refused($"{done.By.Name} already completed this audit on {Cards.CardDates.Date(done.At)}.");
        }

        if (!AwaitsAudit(round))
        {
            return AccountTransition.Refused("This audit is no longer open. Message me \"my accounts\" to see where the account stands.");
        }

        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.UnderReview,
            Audit = Audit! with { Answers = answers, Completed = new Stamp(by, now) },
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, Actions.AuditCompleted, $"audit {round}")],
        });
    }

    public AccountTransition Continue(Actor by, int round, DateTimeOffset nextAuditDue, DateTimeOffset now) =>
        Review(by, round, now, Actions.Continued, null, account => account with { Status = OfficialAccountStatus.Active, NextAuditDue = nextAuditDue },
            $"next audit {Cards.CardDates.Date(nextAuditDue)}");

    public AccountTransition AskForChanges(Actor by, int round, string? message, DateTimeOffset now)
    {
        var text = message?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return AccountTransition.Refused("Write what the administrators should change, then select Ask for changes again.");
        }

        return Review(by, round, now, Actions.ChangesAsked, text, account => account with
        {
            Status = OfficialAccountStatus.AuditDue,
            Audit = account.Audit! with { Completed = null, ChangesAsked = text, ChangesCount = account.Audit.ChangesCount + 1 },
        }, text);
    }

    /// <summary>Comms closes the account, from the audit's review or the register: its administrators are asked to delete or archive it.</summary>
    public AccountTransition Close(Actor by, string? reason, DateTimeOffset now)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return AccountTransition.Refused("Write why the account is closing (the administrators see it), then select Close the account again.");
        }

        if (Status is OfficialAccountStatus.Closing or OfficialAccountStatus.Closed)
        {
            return AccountTransition.Refused($"{SourceReference} is already {OfficialAccountStatuses.Text(Status).ToLowerInvariant()}.");
        }

        var audit = Status == OfficialAccountStatus.UnderReview && Audit is not null ? Audit with { Review = Actions.Closing, Reviewed = new Stamp(by, now) } : Audit;
        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.Closing,
            ClosingReason = text,
            Audit = audit,
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, Actions.Closing, text)],
        });
    }

    /// <summary>An administrator confirms the account is deleted or archived on the platform. Kept in the register, with its history.</summary>
    public AccountTransition ConfirmClosed(Actor by, DateTimeOffset now)
    {
        if (!IsAdministrator(by.AadObjectId))
        {
            return AccountTransition.Refused("Only this account's administrators can confirm it is closed.");
        }

        if (Status != OfficialAccountStatus.Closing)
        {
            return AccountTransition.Refused(Status == OfficialAccountStatus.Closed
                ? $"The account was already confirmed closed on {Cards.CardDates.Date(ClosedAt ?? now)}."
                : "The account is not closing.");
        }

        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.Closed,
            ClosedAt = now,
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, Actions.Closed, "deleted or archived on the platform")],
        });
    }

    /// <summary>A chase or escalation of audit <paramref name="round"/>, noted once; refused when the audit was completed in time.</summary>
    public AccountTransition NoteOverdue(int round, string action, DateTimeOffset now)
    {
        if (!AwaitsAudit(round) || HasNoted(round, action))
        {
            return AccountTransition.Refused($"Audit {round} of {SourceReference} does not wait for this.");
        }

        return AccountTransition.To(this with { History = [.. History, System(now, action, $"audit {round}")] });
    }

    /// <summary>Whether <paramref name="action"/> (a chase, an escalation) is already in the history for audit <paramref name="round"/>.</summary>
    public bool HasNoted(int round, string action) => History.Any(entry => entry.Action == action && entry.Detail == $"audit {round}");

    /// <summary>"Close the account" on the review card: only while that audit waits for review.</summary>
    public AccountTransition CloseAfterAudit(Actor by, int round, string? reason, DateTimeOffset now) => NotInReview(round) ?? Close(by, reason, now);

    /// <summary>The refusal when audit <paramref name="round"/> is not the one waiting for review (already reviewed, or stale), else null.</summary>
    private AccountTransition? NotInReview(int round) =>
        Status == OfficialAccountStatus.UnderReview && Audit is not null && Audit.Round == round ? null
        : AccountTransition.Refused(Audit is { Reviewed: { } reviewed } && Audit.Round == round
            ? $"{reviewed.By.Name} already reviewed this audit ({Audit.Review})."
            : $"This audit is not waiting for review: {SourceReference} is {OfficialAccountStatuses.Text(Status)}.");

    private AccountTransition Review(Actor by, int round, DateTimeOffset now, string action, string? detail, Func<OfficialAccount, OfficialAccount> change, string? historyDetail)
    {
        if (NotInReview(round) is { } refused)
        {
            return refused;
        }

        var next = change(this);
        return AccountTransition.To(next with
        {
            Audit = next.Audit! with { Review = action, Reviewed = new Stamp(by, now), ChangesAsked = detail ?? next.Audit.ChangesAsked },
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, action, historyDetail)],
        });
    }

    private static AuditEntry System(DateTimeOffset at, string action, string detail) => new(at, string.Empty, AuditEntry.SystemName, action, detail);
}
