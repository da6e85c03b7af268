using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.Incidents;

// The pieces an incident is made of, beside the record and its transitions (Incident.cs).

internal enum IncidentStatus
{
    /// <summary>Reported; nobody in Comms has taken it yet.</summary>
    New,

    /// <summary>A Comms approver owns it.</summary>
    Taken,
    Resolved,
}

/// <summary>A question Comms asked the reporter, numbered from 1, and the answer once given.</summary>
internal sealed record ReporterQuestion(int Number, string Question, Stamp Asked, string? Answer = null, DateTimeOffset? AnsweredAt = null)
{
    public bool IsAnswered => Answer is not null;
}

internal sealed record IncidentResolution(ResolutionOutcome Outcome, string? Notes, Stamp Resolved)
{
    public const string ActionTaken = "Action has been taken";

    /// <summary>
    /// The outcome as the reporter hears it. That a colleague was referred under the disciplinary policy is that
    /// colleague's personal data (policy 5.4, 6.4, 6.5): the reporter hears only <see cref="ActionTaken"/>, while the
    /// Comms card and the audit keep the exact outcome.
    /// </summary>
    public string OutcomeForReporter => Outcome == ResolutionOutcome.DisciplinaryReferral ? ActionTaken : IncidentChoices.Outcomes.TitleOf(Outcome);

    /// <summary>"Resolved: Content removed", or "Resolved: action has been taken" (see <see cref="OutcomeForReporter"/>).</summary>
    public string StatusForReporter => "Resolved: " + (Outcome == ResolutionOutcome.DisciplinaryReferral ? "action has been taken" : OutcomeForReporter);

    /// <summary>The resolver's notes for the reporter: none after a disciplinary referral (they would be about the colleague).</summary>
    public string? NotesForReporter => Outcome == ResolutionOutcome.DisciplinaryReferral ? null : Notes;
}

internal enum IncidentRefusalKind
{
    /// <summary>Resolved, or the action was already done (taken, escalated).</summary>
    NotAllowedInStatus,

    /// <summary>Only the reporter may answer Comms' questions.</summary>
    NotTheReporter,

    /// <summary>A question, answer or outcome is missing or too long.</summary>
    InvalidInput,

    /// <summary>That question was already answered (Teams retried, or a second click).</summary>
    AlreadyAnswered,

    /// <summary>An approver may not resolve an incident they reported (taking it, for urgency, stays allowed).</summary>
    OwnReport,
}

internal sealed record IncidentRefusal(IncidentRefusalKind Kind, string Message) : IRefusal;

internal sealed record IncidentTransition(Incident? Next, IncidentRefusal? Refusal) : Transition<Incident, IncidentRefusal>(Next, Refusal);

internal static class IncidentAuditActions
{
    public const string Reported = "Reported";
    public const string Taken = "Taken";
    public const string Asked = "Question asked";
    public const string Answered = "Reporter answered";
    public const string Escalated = "Escalated to senior management";
    public const string EscalationNotDelivered = "Escalation not delivered";
    public const string Resolved = "Resolved";
    public const string NotTakenInTime = "Not taken in time: reminder sent";
    public const string NoteAdded = CommsNotes.AuditAction;
}
