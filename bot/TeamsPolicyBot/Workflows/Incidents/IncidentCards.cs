using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Turns a stored incident into the cards each audience sees.</summary>
internal sealed class IncidentCards(CardTemplates templates, IOptions<CommsOptions> comms, IOptions<SupportResourcesOptions> support)
{
    public Attachment Form(IncidentFormCard card) => templates.RenderAttachment(IncidentCardNames.ReportForm, card);

    public Attachment SupportOffer(SupportOfferCard card) =>
        templates.RenderAttachment(IncidentCardNames.SupportOffer, card with { EmergencyNumber = Markdown.Escape(support.Value.EmergencyNumber) });

    public Attachment Reported(Incident incident) =>
        templates.RenderAttachment(IncidentCardNames.Reported, new ReportedCard(IncidentSummary.From(incident), Markdown.Escape(incident.Details.What))
        {
            ConfidentialLine = incident.IsConfidential
                ? "This report is confidential. The Comms channel sees only its reference, \"Harassment (confidential)\" and the urgency; what you wrote and your name went only to the Comms support case handlers, and so will your answers to any questions."
                : "",
        });

    public Attachment CompromisedChecklist(Incident incident) =>
        templates.RenderAttachment(IncidentCardNames.CompromisedChecklist, new CompromisedChecklistCard(incident.Reference, Markdown.Escape(incident.Details.PlatformName)));

    /// <summary>
    /// The Comms channel card. <paramref name="viewerMayTriage"/> shows the triage buttons while the incident is open;
    /// <paramref name="refreshUserIds"/> are the Teams users who get their own view through the card's refresh. A
    /// confidential incident's card (<see cref="Incident.IsConfidential"/>) shows only its reference, kind, urgency and
    /// steps, for every viewer: its details go to the case handlers (<see cref="CaseHandlerCopy"/>).
    /// </summary>
    /// <paramref name="viewerReadsNotes"/> adds the Comms team's notes and "Add a note": only for a Comms approver's own
    /// view (their refresh, the answer to their click), never for the card posted for everyone.
    public Attachment Triage(Incident incident, bool viewerMayTriage, IReadOnlyList<string>? refreshUserIds = null, bool viewerReadsNotes = false)
    {
        var view = ChannelView(incident, viewerMayTriage, refreshUserIds);
        return templates.RenderAttachment(IncidentCardNames.Triage, viewerReadsNotes ? WithNotes(view, incident) : view);
    }

    /// <summary>What the notes block says about who reads them, and the note box's label.</summary>
    public const string NotesIntro = "Only the Comms team sees these notes, on their own view of this card. The reporter never does.",
        NoteLabel = "Your note for the Comms team";

    /// <summary>
    /// On a confidential incident the note goes to the support case handlers only. Notes follow the rule for the
    /// incident's details (README "Who sees what"; policy 6.3): a note about a harassment report can name the person or
    /// say what happened, and those go only to the case handlers, so no view of the channel card shows notes, not even a
    /// Comms approver's own.
    /// </summary>
    public const string ConfidentialNotesIntro = "This report is confidential: a note goes only to the support case handlers, in their chats with the bot. This card does not show notes.",
        ConfidentialNoteLabel = "Your note for the support case handlers";

    /// <summary>A Comms approver's own view: their notes (none shown on a confidential incident) and the note box.</summary>
    private static TriageCard WithNotes(TriageCard view, Incident incident)
    {
        var (notes, earlier) = incident.IsConfidential ? ([], "") : CommsNotes.Lines(incident.Notes, incident.EarlierNotes);
        return view with
        {
            NotesView = true,
            Notes = notes,
            EarlierNotes = earlier,
            NotesIntro = incident.IsConfidential ? ConfidentialNotesIntro : NotesIntro,
            NoteLabel = incident.IsConfidential ? ConfidentialNoteLabel : NoteLabel,
        };
    }

    /// <summary>
    /// A confidential incident's details, for the support case handlers only, in their chats with the bot: the triage
    /// card as reported, without buttons or refresh.
    /// </summary>
    public Attachment CaseHandlerCopy(Incident incident) => templates.RenderAttachment(IncidentCardNames.Triage, CaseHandlerView(incident));

    /// <summary>The triage card's line for an incident a Comms approver logged from a Teams message.</summary>
    public const string LoggedByCommsLine = "Logged by Comms (policy 4.10): a Comms approver reported this from a Teams message while monitoring.";

    /// <summary>"Official account: Instagram @lshtm_malaria (Malaria Centre), administrators: Ada Lovelace and Alan Turing", or "".</summary>
    public static string OfficialAccountLine(ReportedOfficialAccount? account) => account is null ? "" :
        $"Official account: {Markdown.Escape(account.PlatformName)} {Markdown.Escape(account.Handle)} ({Markdown.Escape(account.UnitName)}), administrators: {AccountRequestCardText.Administrators(account.AdministratorNames)}";

    /// <summary>What <see cref="Triage"/> binds.</summary>
    public static TriageCard ChannelView(Incident incident, bool viewerMayTriage, IReadOnlyList<string>? refreshUserIds = null) =>
        TriageView(incident, withDetails: !incident.IsConfidential) with
        {
            ShowActions = viewerMayTriage,
            RefreshUserIds = incident.Status == IncidentStatus.Resolved ? [] : refreshUserIds ?? [],
            ConfidentialLine = incident.IsConfidential
                ? "Confidential (policy 6.3): what happened, who reported it and their answers go only to the support case handlers, in their chats with the bot. This card shows the reference, kind, urgency and each step."
                : "",
        };

    /// <summary>What <see cref="CaseHandlerCopy"/> binds.</summary>
    public static TriageCard CaseHandlerView(Incident incident) => TriageView(incident, withDetails: true) with
    {
        ConfidentialLine = "Confidential (policy 6.3): for the support case handlers only. The Comms channel card shows only the reference, kind and urgency; the Comms team deals with it there. The reporter's answers to Comms' questions come to you here.",
    };

    private static TriageCard TriageView(Incident incident, bool withDetails)
    {
        var (questions, earlierQuestions) = LatestEntries.Of(withDetails ? incident.Questions : [], withDetails ? incident.EarlierQuestions : 0, TriageCard.QuestionsShown, "question");
        var (audit, earlierHistory) = LatestEntries.Of(incident.Audit, incident.EarlierAudit, TriageCard.AuditLinesShown, "step");
        return new(
            withDetails ? IncidentSummary.From(incident) : IncidentSummary.Confidential(incident),
            incident.Status.ToString(),
            withDetails ? Markdown.Escape(incident.Details.What) : "",
            withDetails ? Markdown.Escape(incident.Details.Evidence) : "",
            withDetails ? Markdown.Escape(incident.Details.ActionsTaken) : "")
        {
            OwnerLine = OwnerLine(incident),
            LoggedByCommsLine = incident.LoggedByComms ? LoggedByCommsLine : "",
            OfficialAccountLine = withDetails ? OfficialAccountLine(incident.OfficialAccount) : "",
            EscalationLine = incident.Escalation is { } escalation ? $"Escalated to senior management by {Who(escalation)}" : "",
            ResolutionLine = incident.Resolution is { } resolution
                ? $"Resolved by {Who(resolution.Resolved)}: {IncidentChoices.Outcomes.TitleOf(resolution.Outcome)}"
                : "",
            ResolutionNotes = withDetails ? Markdown.Escape(incident.Resolution?.Notes) : "",
            Questions = questions.Select(q => new QuestionLine(q.Number, Markdown.Excerpt(q.Question, TriageCard.TextShown), $"Asked by {Who(q.Asked)}", Markdown.Excerpt(q.Answer, TriageCard.TextShown))).ToList(),
            EarlierQuestions = earlierQuestions,
            EarlierHistory = earlierHistory,
            AuditTrail = audit
                .Select(entry => AuditTrailLine.Create(entry.At, withDetails || !ObjectIds.Same(entry.ActorAadObjectId, incident.Reporter.AadObjectId) ? entry.ActorName : "The reporter", !withDetails || entry.Detail is null || entry.Action is IncidentAuditActions.Asked or IncidentAuditActions.Answered
                    ? entry.Action
                    : $"{entry.Action} ({Markdown.Excerpt(entry.Detail, TriageCard.TextShown)})"))
                .ToList(),
        };
    }

    public Attachment Question(Incident incident, ReporterQuestion question, string error = "") =>
        templates.RenderAttachment(IncidentCardNames.Question, new ReporterQuestionCard(
            incident.Reference,
            question.Number,
            Markdown.Escape(question.Question),
            Markdown.Escape(question.Asked.By.Name),
            CardDates.DateAndTime(question.Asked.At),
            Markdown.Escape(question.Answer))
        { Error = error });

    public Attachment Escalation(Incident incident, string threadUrl)
    {
        var escalation = incident.Escalation ?? throw new InvalidOperationException($"{incident.Reference} is not escalated.");
        return templates.RenderAttachment(IncidentCardNames.Escalation, new EscalationCard(
            IncidentSummary.ForComms(incident),
            incident.IsConfidential ? "" : Markdown.Escape(incident.Details.What),
            Markdown.Escape(escalation.By.Name),
            CardDates.DateAndTime(escalation.At),
            OwnerLine(incident),
            threadUrl));
    }

    /// <summary>
    /// The reporter's notice after Comms took, escalated or resolved the incident (the outcome as the reporter may hear
    /// it), in sentences a person would write: who did what to their report, and when.
    /// </summary>
    public Attachment Notice(Incident incident, TriageChange change)
    {
        var reference = incident.Reference;
        var notice = change switch
        {
            TriageChange.Taken => new IncidentNoticeCard(reference, "Comms is on it", $"{Name(incident.Owner!)} took your report on {On(incident.Owner!)} and is looking into it.", "accent"),

            // Said so that it cannot be read as if the reporter were the senior manager: their report went to them.
            TriageChange.Escalated => new IncidentNoticeCard(
                reference,
                "Your report went to senior managers",
                $"{Name(incident.Escalation!)} in the Comms team passed your report to the university's senior managers on {On(incident.Escalation!)}. Comms will keep you informed.",
                "warning"),

            // The headline already says the outcome ("Resolved: Content removed"): the card does not repeat it.
            _ => new IncidentNoticeCard(reference, IncidentIndex.StatusText(incident), $"{Name(incident.Resolution!.Resolved)} resolved your report on {On(incident.Resolution.Resolved)}. Thank you for telling us.", "good")
            {
                Notes = Markdown.Escape(incident.Resolution.NotesForReporter),
            },
        };
        return templates.RenderAttachment(IncidentCardNames.Notice, notice with { ContactEmail = comms.Value.ContactEmail });
    }

    private static string OwnerLine(Incident incident) => incident.Owner is { } owner ? $"Taken by {Who(owner)}" : "";

    /// <summary>"Sam Carter on 4 Mar 2026 at 09:20", the name escaped.</summary>
    private static string Who(Stamp stamp) => $"{Name(stamp)} on {On(stamp)}";

    /// <summary>"Sam Carter", escaped.</summary>
    private static string Name(Stamp stamp) => Markdown.Escape(stamp.By.Name);

    /// <summary>"4 Mar 2026 at 09:20".</summary>
    private static string On(Stamp stamp) => CardDates.DateAndTime(stamp.At);
}

/// <summary>A triage step the reporter and others hear about.</summary>
internal enum TriageChange
{
    Taken,
    Asked,
    Escalated,
    Resolved,
}
