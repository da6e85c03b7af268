using System.Text.Json;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The incident form submitted in a dialog, whichever way it opened ("Report to Comms" on a Teams message, or "Report an
/// incident" on the welcome card): checked and stored by <see cref="IncidentSubmission"/> exactly as in the chat. A dialog
/// may be open in any chat or channel, where other people are: everything that follows (the confirmation, the checklist,
/// support) goes to the person's own chat with the bot, never into the conversation they were reading.
/// </summary>
internal sealed partial class IncidentDialogSubmission(
    IncidentSubmission submission,
    IncidentCards cards,
    SupportCards supportCards,
    OwnChat ownChat,
    TimeProvider time,
    ILogger<IncidentDialogSubmission> logger)
{
    /// <summary>What the dialog's buttons may send, each with what its answer may show about a record.</summary>
    public static IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // A replayed submission id closes with the reference only for whoever reported it.
        [IncidentVerbs.Submit] = new(RecordKind.Incident, RecordViews.Starter),
        [IncidentVerbs.Continue] = VerbRule.NoRecord,
        [IncidentVerbs.SupportStart] = VerbRule.NoRecord,
    };

    /// <param name="loggedByComms">A Comms approver reported it from a Teams message (policy 4.10); decided by the caller, never by the data.</param>
    public async Task<DialogStep> SubmitAsync(ITurnContext turn, JsonElement data, bool loggedByComms, CancellationToken cancellationToken)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            data = JsonDocument.Parse("{}").RootElement.Clone();
        }

        if (FormInputs.Text(data, "verb") == IncidentVerbs.SupportStart)
        {
            return await OfferSupportPrivatelyAsync(turn, data, cancellationToken);
        }

        var form = IncidentForm.FromJson(data);
        if (FormInputs.Text(data, "verb") == IncidentVerbs.Continue)
        {
            return new DialogStep.Show(cards.Form(submission.FormCard(form) with { SupportOffered = true }));
        }

        switch (await submission.SubmitAsync(turn, form, loggedByComms, cancellationToken))
        {
            case SubmittedReport.OfferSupport offer:
                return new DialogStep.Show(cards.SupportOffer(offer.Card));
            case SubmittedReport.Invalid invalid:
                return new DialogStep.Show(cards.Form(invalid.Card));
            case SubmittedReport.Stored { Incident: var incident } stored:
                await TellReporterAsync(turn, incident, stored.Created, cancellationToken);
                return new DialogStep.Close($"Sent to Comms as {incident.Reference}. I have sent the details to your private chat with the Social Media Desk.");
            default:
                return new DialogStep.Close(Visibility.FormAlreadyUsed);
        }
    }

    /// <summary>The confirmation (and for a compromised account the checklist) through the outbox to the person's own chat.</summary>
    private async Task TellReporterAsync(ITurnContext turn, Incident incident, bool created, CancellationToken cancellationToken)
    {
        var confirmation = Activity.CreateMessage(attachments: cards.Reported(incident));
        confirmation.Summary = $"Your report {incident.Reference} was sent to Comms";
        var reach = await ownChat.SendAsync(turn, confirmation, cancellationToken, TriageChannelCard.StepKey(incident, "reported"));
        if (created && incident.Details.Kind == IncidentKind.CompromisedAccount)
        {
            var checklist = Activity.CreateMessage(attachments: cards.CompromisedChecklist(incident));
            checklist.Summary = "Secure the account now";
            reach = await ownChat.SendAsync(turn, checklist, cancellationToken, TriageChannelCard.StepKey(incident, "checklist"));
        }

        if (!reach.IsQueued)
        {
            LogReporterUnreachable(logger, incident.Reference);
        }
    }

    /// <summary>"Get support" in the dialog: the support card goes to the person's own chat, with what they typed carried on; never to the chat they were in.</summary>
    private async Task<DialogStep> OfferSupportPrivatelyAsync(ITurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var card = Activity.CreateMessage(attachments: supportCards.Welcome(SupportForm.FromIncidentForm(data, CardDates.UkDay(time.GetUtcNow()))));
        card.Summary = "You are not alone: support is available";
        var reach = await ownChat.SendAsync(turn, card, cancellationToken);
        return new DialogStep.Close(reach.IsQueued
            ? "I have sent the support form to your private chat with the Social Media Desk. Only you can see it there."
            : "I could not open a private chat with you. Please message the Social Media Desk \"get support\" in a private chat.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm {Reference} to its reporter: the bot cannot reach them in a personal chat")]
    private static partial void LogReporterUnreachable(ILogger logger, string reference);
}

/// <summary>"Report an incident" on the welcome card, in a dialog: the same empty form as "report incident" in the chat.</summary>
internal sealed class ReportIncidentDialog(IncidentDialogSubmission submission, IncidentCards cards, TimeProvider time) : IDialogForm
{
    public const string FormName = "incident";

    public string Name => FormName;

    public string Title => "Report a social media incident";

    public IReadOnlyDictionary<string, VerbRule> Verbs => IncidentDialogSubmission.Verbs;

    public DialogStep Open(ITurnContext turn) => new DialogStep.Show(cards.Form(IncidentFormCard.New(CardDates.UkDay(time.GetUtcNow()))));

    // In the chat an approver reports like anyone else: only a report made from a Teams message is logged by Comms.
    public Task<DialogStep> SubmitAsync(ITurnContext turn, JsonElement data, CancellationToken cancellationToken) =>
        submission.SubmitAsync(turn, data, loggedByComms: false, cancellationToken);
}
