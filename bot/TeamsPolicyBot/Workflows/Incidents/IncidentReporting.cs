using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The reporter's side of the form in the chat. A harassment report is first answered with the support offer
/// (everything typed rides on its buttons); otherwise nothing is stored until the whole form is valid, and then the
/// incident is stored, the triage card goes to Comms at once, and the reporter gets the confirmation (and, for a
/// compromised official account, the checklist).
/// </summary>
internal sealed class IncidentReporting(IncidentSubmission submission, IncidentCards cards) : ICardActionHandler
{
    public const string ReferencePrefix = "INC";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // A replayed submission id shows the incident only to whoever reported it.
        [IncidentVerbs.Submit] = new(RecordKind.Incident, RecordViews.Starter),

        // The form again, with only the sender's own typing on it.
        [IncidentVerbs.Continue] = VerbRule.NoRecord,
    };

    public Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var form = IncidentForm.FromJson(action.Data);
        return action.Verb == IncidentVerbs.Continue
            ? Task.FromResult(InvokeResponse.Card(cards.Form(submission.FormCard(form) with { SupportOffered = true })))
            : SubmitAsync(turn, form, cancellationToken);
    }

    private async Task<InvokeResponse> SubmitAsync(ITurnContext turn, IncidentForm form, CancellationToken cancellationToken)
    {
        switch (await submission.SubmitAsync(turn, form, loggedByComms: false, cancellationToken))
        {
            case SubmittedReport.OfferSupport offer:
                return InvokeResponse.Card(cards.SupportOffer(offer.Card));
            case SubmittedReport.Invalid invalid:
                return InvokeResponse.Card(cards.Form(invalid.Card));
            case SubmittedReport.Stored { Incident: var incident } stored:
                if (stored.Created && incident.Details.Kind == IncidentKind.CompromisedAccount)
                {
                    var checklist = Activity.CreateMessage(attachments: cards.CompromisedChecklist(incident));
                    checklist.Summary = "Secure the account now";
                    await turn.SendAsync(checklist, cancellationToken);
                }

                return InvokeResponse.Card(cards.Reported(incident));
            default:
                return InvokeResponse.Message(Visibility.FormAlreadyUsed);
        }
    }
}

/// <summary>What became of a submitted report form, for the chat and the "Report to Comms" dialog to answer in their own way.</summary>
internal abstract record SubmittedReport
{
    /// <summary>Harassment of a member of staff, before the support offer was seen: nothing stored.</summary>
    public sealed record OfferSupport(SupportOfferCard Card) : SubmittedReport;

    /// <summary>The form again with its problems next to the fields: nothing stored.</summary>
    public sealed record Invalid(IncidentFormCard Card) : SubmittedReport;

    /// <summary>The form's submission id belongs to someone else's report.</summary>
    public sealed record NotYours : SubmittedReport;

    /// <summary>Stored (or found again, for a replayed submission id) and followed up.</summary>
    public sealed record Stored(Incident Incident, bool Created) : SubmittedReport;
}

/// <summary>
/// One report form, checked and stored the same way wherever it was filled in: the same validation, reference numbers,
/// triage card and follow-up, whether in the chat or in the dialog opened on a Teams message.
/// </summary>
internal sealed class IncidentSubmission(
    IIncidents incidents,
    IReferenceNumbers referenceNumbers,
    IncidentReported reported,
    IncidentAccountMatch accountMatch,
    Visibility visibility,
    TimeProvider time)
{
    /// <param name="loggedByComms">A Comms approver reported it from a Teams message (policy 4.10).</param>
    public async Task<SubmittedReport> SubmitAsync(ITurnContext turn, IncidentForm form, bool loggedByComms, CancellationToken cancellationToken)
    {
        if (IncidentChoices.Kinds.TryParse(form.Kind, out var kind) && kind == IncidentKind.Harassment && !form.SupportWasOffered)
        {
            return new SubmittedReport.OfferSupport(new SupportOfferCard(form.SubmissionId ?? Guid.NewGuid().ToString(), IncidentFormValues.From(form)));
        }

        var checkedForm = IncidentValidator.Validate(form, CardDates.UkDay(time.GetUtcNow()));
        if (!checkedForm.IsValid)
        {
            return new SubmittedReport.Invalid(FormCard(form) with { SupportOffered = form.SupportWasOffered, Errors = checkedForm.Errors });
        }

        var reporter = turn.Actor();
        var submissionId = form.SubmissionId ?? Guid.NewGuid().ToString();

        // Teams retries an invoke it got no answer to: the submission id makes the retry find the first incident.
        var submitted = await incidents.SubmitAsync(
            submissionId,
            async ct =>
            {
                var report = Incident.Report(await referenceNumbers.NextAsync(IncidentReporting.ReferencePrefix, ct), reporter, checkedForm.Value, time.GetUtcNow(), submissionId) with
                {
                    LoggedByComms = loggedByComms,
                };

                // Policy 4.18: a report about a registered account names it for Comms. A confidential one is never looked up:
                // its details stay with the support case handlers, and the account's administrators hear nothing.
                return report.IsConfidential ? report : report with { OfficialAccount = await accountMatch.FindAsync(report.Details, ct) };
            },
            cancellationToken);
        var incident = submitted.Record;

        // Someone else's submission id: their report is not this person's to see, nor theirs to repair.
        if (!submitted.Created && !visibility.May(turn, incident.People(), RecordViews.Starter))
        {
            return new SubmittedReport.NotYours();
        }

        // Also for a replayed submission: the first attempt may have stopped before queuing the triage card (queuing is idempotent).
        await reported.FollowUpAsync(incident, cancellationToken);
        return new SubmittedReport.Stored(incident, submitted.Created);
    }

    /// <summary>The form showing what was typed, on a new submission id when it had none.</summary>
    public IncidentFormCard FormCard(IncidentForm form)
    {
        var today = CardDates.InputValue(CardDates.UkDay(time.GetUtcNow()));
        return new IncidentFormCard(form.SubmissionId ?? Guid.NewGuid().ToString(), IncidentFormValues.From(form)) { MaxDate = today };
    }
}

/// <summary>
/// What follows a stored report: its projections (the reporter's "My requests" entry, the Comms triage card, posted as
/// a new thread by <see cref="TriageChannelCard"/> and then replaced in place), for a confidential incident its details
/// to the support case handlers instead of the channel, for one about a registered official account a notice to its
/// administrators, and for an urgent one the reminder if nobody takes it.
/// </summary>
internal sealed class IncidentReported(
    IIncidents incidents,
    IncidentCards cards,
    TriageChannelCard channelCard,
    IncidentThread thread,
    IOptions<IncidentOptions> incidentOptions,
    IOptions<TargetsOptions> targets,
    IReminders reminders,
    OfficialAccountNotice accountNotice)
{
    /// <summary>Policy 6.1, "notified immediately": the triage card goes out as a new Comms thread at once.</summary>
    public async Task FollowUpAsync(Incident incident, CancellationToken cancellationToken)
    {
        await incidents.ShowAsync(incident, cancellationToken);
        await channelCard.PostAsync(incident, cancellationToken);
        if (incident.IsConfidential)
        {
            await thread.TellCaseHandlersAsync(
                incident,
                () => Activity.CreateMessage(attachments: cards.CaseHandlerCopy(incident)),
                $"Confidential incident {incident.Reference}: harassment of a member of staff",
                handler => $"{TriageChannelCard.TagKind}/{incident.Reference}/case-handler-copy/{handler}",
                cancellationToken);
        }

        await accountNotice.TellAdministratorsAsync(incident, cancellationToken);
        if (incident.IsUrgent)
        {
            var due = incident.CreatedAt.AddMinutes(incidentOptions.Value.AcknowledgeWithinMinutes);
            await reminders.ScheduleAsync(UnacknowledgedIncidentReminder.Key(incident), due, cancellationToken);
        }
        else
        {
            // Idempotent per key, like everything here: a replayed report schedules nothing more.
            var due = IncidentTargetReminder.DueAt(incident.CreatedAt, targets.Value.TakeIncidentWithin);
            await reminders.ScheduleAsync(IncidentTargetReminder.Key(incident), due, cancellationToken);
        }
    }
}
