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
using TeamsPolicyBot.Turns.Dialogs;
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
internal sealed class ReportToCommsCommand(
    IncidentDialogSubmission dialog,
    IncidentCards cards,
    IOptions<CommsOptions> comms,
    TimeProvider time) : IMessageExtensionCommand
{
    public const string Id = "reportToComms";

    public const string DialogTitle = "Report to Comms";

    public string CommandId => Id;

    public Task<InvokeResponse> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var action = MessageExtensionAction.From(turn.Activity) ?? new MessageExtensionAction();
        return string.Equals(turn.Activity.Name, InvokeNames.FetchTask, StringComparison.Ordinal)
            ? Task.FromResult(DialogStep.Dialog(DialogTitle, cards.Form(Prefilled(action.MessagePayload))))
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
        // Policy 4.10: Comms monitoring social media and logging what it finds. Only from a Teams message, where an
        // approver passes on what they saw; in the chat an approver reports like anyone else.
        var loggedByComms = ObjectIds.Includes(comms.Value.ApproverIds, turn.Actor().AadObjectId);
        var step = await dialog.SubmitAsync(turn, action.Data ?? default, loggedByComms, cancellationToken);
        return step.AsComposeExtension(DialogTitle);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
