using System.Reflection;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// The templates the code renders, as "&lt;workflow&gt;/&lt;name&gt;" (the file cards/&lt;workflow&gt;/&lt;name&gt;.json).
/// Every constant here must have its file, or the app refuses to start.
/// </summary>
internal static class CardNames
{
    public const string Welcome = "welcome/welcome";

    /// <summary>The official account request form (new, re-shown with errors, or edited after "ask for changes").</summary>
    public const string AccountRequestForm = "account-requests/request-form";

    /// <summary>Replaces the form for the requester after a valid submit: reference, what happens next, Withdraw.</summary>
    public const string AccountRequestSubmitted = "account-requests/submitted";

    /// <summary>The Comms channel card: summary, Approve / Reject / Ask for changes, outcome, audit trail.</summary>
    public const string AccountRequestApproval = "account-requests/approval";

    /// <summary>The requester's notice of an outcome: approved, rejected, changes requested or withdrawn.</summary>
    public const string AccountRequestDecisionNotice = "account-requests/decision-notice";

    /// <summary>The user's own requests of every workflow, newest first (kept with the first workflow's cards).</summary>
    public const string MyRequests = "account-requests/my-requests";

    /// <summary>The incident report form (new, with errors, or re-shown after the support offer).</summary>
    public const string IncidentReportForm = "incidents/report-form";

    /// <summary>Shown instead of filing a harassment report: Get support, or Continue with the incident report.</summary>
    public const string IncidentSupportOffer = "incidents/support-offer";

    /// <summary>The reporter's confirmation with the reference, replacing the form.</summary>
    public const string IncidentReported = "incidents/reported";

    /// <summary>What to do now about a compromised official account (4.18), for the reporter.</summary>
    public const string IncidentCompromisedChecklist = "incidents/compromised-checklist";

    /// <summary>The Comms channel triage card: urgency, details, Take / Ask / Escalate / Resolve, questions, history.</summary>
    public const string IncidentTriage = "incidents/triage";

    /// <summary>The reporter's notice: taken, escalated, resolved with the outcome.</summary>
    public const string IncidentNotice = "incidents/notice";

    /// <summary>A question from Comms in the reporter's chat, with the answer box.</summary>
    public const string IncidentQuestion = "incidents/question";

    /// <summary>The 1:1 summary for senior managers when an incident is escalated, with a link to the thread.</summary>
    public const string IncidentEscalation = "incidents/escalation";

    /// <summary>The warm support card shown before any form: not alone, what happens, support now, safety advice, "Ask for support".</summary>
    public const string SupportWelcome = "harassment-support/support";

    /// <summary>The harassment support referral form (new, prefilled from an incident report, or with its problems).</summary>
    public const string SupportForm = "harassment-support/form";

    /// <summary>The check step: who will be told and what, the manager (or an email box), "Send my request".</summary>
    public const string SupportConfirm = "harassment-support/confirm";

    /// <summary>The person's confirmation with the reference; emergency contacts first when urgent.</summary>
    public const string SupportRequested = "harassment-support/requested";

    /// <summary>The person's confirmation that they withdrew their request: ask again at any time, and support now.</summary>
    public const string SupportWithdrawn = "harassment-support/withdrawn";

    /// <summary>The line manager's 1:1: what is expected of them, and the details only with consent.</summary>
    public const string SupportManagerNotice = "harassment-support/manager";

    /// <summary>The Comms channel card: reference, urgency, status, who has it, the viewer's buttons. No personal details, no typed text.</summary>
    public const string SupportChannel = "harassment-support/channel";

    /// <summary>The full details, in a 1:1, for the case handler who took the case.</summary>
    public const string SupportCase = "harassment-support/case";

    /// <summary>A message relayed between the case handler and the person, with a reply box.</summary>
    public const string SupportMessage = "harassment-support/message";

    /// <summary>A short notice: to the person (case taken), to case handlers (urgent, manager not reached).</summary>
    public const string SupportNotice = "harassment-support/notice";

    /// <summary>Every constant above, found by reflection so that adding a name cannot forget to register it.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(CardNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToList();
}
