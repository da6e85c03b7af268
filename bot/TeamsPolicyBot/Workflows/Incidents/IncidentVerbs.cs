namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>The verbs the incident cards carry (see cards/incidents/).</summary>
internal static class IncidentVerbs
{
    /// <summary>Action.Submit from the welcome card, and the typed command: shows the form.</summary>
    public const string Start = "incident.report";
    public const string Submit = "incident.submit";

    /// <summary>"Continue with the incident report" on the support offer: the form again, filled.</summary>
    public const string Continue = "incident.continue";

    /// <summary>Action.Submit "Get support" on the support offer (the harassment support workflow's verb).</summary>
    public const string SupportStart = "support.start";
    public const string Take = "incident.take";
    public const string Ask = "incident.ask";
    public const string Escalate = "incident.escalate";
    public const string Resolve = "incident.resolve";

    /// <summary>"Add a note" on a Comms approver's own view of the triage card: a note for the Comms team only.</summary>
    public const string Note = "incident.note";

    /// <summary>The triage card's refresh: Teams asks for a Comms approver's own view, with the buttons.</summary>
    public const string Refresh = "incident.refresh";
    public const string Answer = "incident.answer";
}
