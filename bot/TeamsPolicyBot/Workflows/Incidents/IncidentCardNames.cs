using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The incident cards (cards/incidents/).</summary>
[CardTemplateNames]
internal static class IncidentCardNames
{
    /// <summary>The incident report form (new, with errors, or re-shown after the support offer).</summary>
    public const string ReportForm = "incidents/report-form";

    /// <summary>Shown instead of filing a harassment report: Get support, or Continue with the incident report.</summary>
    public const string SupportOffer = "incidents/support-offer";

    /// <summary>The reporter's confirmation with the reference, replacing the form.</summary>
    public const string Reported = "incidents/reported";

    /// <summary>What to do now about a compromised official account (4.18), for the reporter.</summary>
    public const string CompromisedChecklist = "incidents/compromised-checklist";

    /// <summary>To an official account's administrators: Comms has a report about their account, and the 4.18 checklist.</summary>
    public const string AccountNotice = "incidents/account-notice";

    /// <summary>The Comms channel triage card: urgency, details, Take / Ask / Escalate / Resolve, questions, history.</summary>
    public const string Triage = "incidents/triage";

    /// <summary>The reporter's notice: taken, escalated, resolved with the outcome.</summary>
    public const string Notice = "incidents/notice";

    /// <summary>A question from Comms in the reporter's chat, with the answer box.</summary>
    public const string Question = "incidents/question";

    /// <summary>The 1:1 summary for senior managers when an incident is escalated, with a link to the thread.</summary>
    public const string Escalation = "incidents/escalation";
}
