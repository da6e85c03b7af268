using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.MessageExtensions;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// "Report to Comms" on any Teams message (a message action): the incident form opens in a dialog, filled in with the
/// message's words, link and time; its submit is checked and stored exactly as a report made in the chat. The dialog
/// may be opened in any chat or channel, where other people are: everything that follows (the confirmation, the
/// checklist, support) goes to the person's own chat with the bot, never into the conversation they were reading.
/// </summary>
internal sealed partial class ReportToCommsCommand(
    IncidentSubmission submission,
    IncidentCards cards,
    SupportCards supportCards,
    IProactiveMessenger messenger,
    IConversationReferences conversationReferences,
    IOptions<CommsOptions> comms,
    TimeProvider time,
    ILogger<ReportToCommsCommand> logger) : IMessageExtensionCommand
{
    public const string Id = "reportToComms";

    public const string DialogTitle = "Report to Comms";

    public string CommandId => Id;

    public Task<InvokeResponse> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var action = MessageExtensionAction.From(turn.Activity) ?? new MessageExtensionAction();
        return string.Equals(turn.Activity.Name, InvokeNames.FetchTask, StringComparison.Ordinal)
            ? Task.FromResult(Dialog(cards.Form(Prefilled(action.MessagePayload))))
            : SubmitAsync(turn, action, cancellationToken);
    }

    /// <summary>The form, filled in from the message: its words (quoted) as what happened, its link and time as evidence, its day as when it was noticed.</summary>
    public IncidentFormCard Prefilled(MessagePayload? message)
    {
        var today = CardDates.UkDay(time.GetUtcNow());
        var card = IncidentFormCard.New(today);
        if (message is null)
        {
            return card;
        }

        var sent = DateTimeOffset.TryParse(message.CreatedDateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        var words = message.Body?.PlainText() ?? "";
        var quote = words.Length == 0 ? "" : Cut($"The Teams message said: \"{words}\"", IncidentLimits.What);
        var evidence = string.Join(
            "\n",
            new[]
            {
                sent is { } when ? $"Teams message sent {CardDates.DateAndTime(when)}." : "",
                message.LinkToMessage is { Length: > 0 } link ? $"Link to the message: {link}" : "",
            }.Where(line => line.Length > 0));
        return card with
        {
            Values = card.Values with
            {
                What = quote,
                Evidence = Cut(evidence, IncidentLimits.Evidence),
                NoticedOn = sent is { } day && CardDates.UkDay(day) <= today ? CardDates.InputValue(CardDates.UkDay(day)) : card.Values.NoticedOn,
            },
        };
    }

    private async Task<InvokeResponse> SubmitAsync(ITurnContext turn, MessageExtensionAction action, CancellationToken cancellationToken)
    {
        var data = action.Data ?? default;
        if (FormInputs.Text(data, "verb") == SupportVerbs.Start)
        {
            return await OfferSupportPrivatelyAsync(turn, data, cancellationToken);
        }

        var form = IncidentForm.FromJson(data);
        if (FormInputs.Text(data, "verb") == IncidentVerbs.Continue)
        {
            return Dialog(cards.Form(submission.FormCard(form) with { SupportOffered = true }));
        }

        // Policy 4.10: Comms monitoring social media and logging what it finds. Only from a Teams message, where an
        // approver passes on what they saw; in the chat an approver reports like anyone else.
        var loggedByComms = ObjectIds.Includes(comms.Value.ApproverIds, turn.Actor().AadObjectId);
        switch (await submission.SubmitAsync(turn, form, loggedByComms, cancellationToken))
        {
            case SubmittedReport.OfferSupport offer:
                return Dialog(cards.SupportOffer(offer.Card));
            case SubmittedReport.Invalid invalid:
                return Dialog(cards.Form(invalid.Card));
            case SubmittedReport.Stored { Incident: var incident } stored:
                await TellReporterAsync(turn, incident, stored.Created, cancellationToken);
                return Closed($"Sent to Comms as {incident.Reference}. I have sent the details to your private chat with the Social Media Desk.");
            default:
                return Closed(Visibility.FormAlreadyUsed);
        }
    }

    /// <summary>
    /// The confirmation (and for a compromised account the checklist) through the outbox to the person's own chat: they
    /// may never have talked to the bot, so their Teams id from this invoke is remembered first for the chat to be opened.
    /// </summary>
    private async Task TellReporterAsync(ITurnContext turn, Incident incident, bool created, CancellationToken cancellationToken)
    {
        await RememberReporterAsync(turn, cancellationToken);
        var confirmation = Activity.CreateMessage(attachments: cards.Reported(incident));
        confirmation.Summary = $"Your report {incident.Reference} was sent to Comms";
        var reach = await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, confirmation, tag: null, cancellationToken, TriageChannelCard.StepKey(incident, "reported"));
        if (created && incident.Details.Kind == IncidentKind.CompromisedAccount)
        {
            var checklist = Activity.CreateMessage(attachments: cards.CompromisedChecklist(incident));
            checklist.Summary = "Secure the account now";
            reach = await messenger.SendToPersonAsync(incident.Reporter.AadObjectId, checklist, tag: null, cancellationToken, TriageChannelCard.StepKey(incident, "checklist"));
        }

        if (!reach.IsQueued)
        {
            LogReporterUnreachable(logger, incident.Reference);
        }
    }

    /// <summary>"Get support" in the dialog: the support card goes to the person's own chat, with what they typed carried on; never to the chat they were in.</summary>
    private async Task<InvokeResponse> OfferSupportPrivatelyAsync(ITurnContext turn, System.Text.Json.JsonElement data, CancellationToken cancellationToken)
    {
        await RememberReporterAsync(turn, cancellationToken);
        var card = Activity.CreateMessage(attachments: supportCards.Welcome(SupportForm.FromIncidentForm(data, CardDates.UkDay(time.GetUtcNow()))));
        card.Summary = "You are not alone: support is available";
        var reach = await messenger.SendToPersonAsync(turn.Actor().AadObjectId, card, tag: null, cancellationToken);
        return Closed(reach.IsQueued
            ? "I have sent the support form to your private chat with the Social Media Desk. Only you can see it there."
            : "I could not open a private chat with you. Please message the Social Media Desk \"get support\" in a private chat.");
    }

    private async Task RememberReporterAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.From is not { Id: { Length: > 0 } teamsId, AadObjectId: { Length: > 0 } aadId } || activity.ServiceUrl is null ||
            await conversationReferences.FindPersonalChatAsync(aadId, cancellationToken) is not null ||
            await conversationReferences.FindMemberAsync(aadId, cancellationToken) is not null)
        {
            return;
        }

        await conversationReferences.SaveMemberAsync(new KnownMember(aadId, teamsId, activity.ServiceUrl, turn.TenantId(), activity.From.Name), cancellationToken);
    }

    private static InvokeResponse Dialog(Attachment card) =>
        InvokeResponse.Task(TaskResponse.Continue(DialogTitle, DialogCards.ForDialog(card.Content ?? default)));

    /// <summary>
    /// Closes the dialog with a short text. Teams documents a compose extension result for submitAction (and the
    /// <c>task</c> message only for <c>task/submit</c>), so this is a <c>composeExtension</c> message.
    /// </summary>
    private static InvokeResponse Closed(string text) => InvokeResponse.ComposeExtension(ComposeExtensionResponse.Message(text));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm {Reference} to its reporter: the bot cannot reach them in a personal chat")]
    private static partial void LogReporterUnreachable(ILogger logger, string reference);
}
