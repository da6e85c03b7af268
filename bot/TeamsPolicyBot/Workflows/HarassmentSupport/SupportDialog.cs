using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Get support with harassment" on the welcome card, in a dialog: the support card, then each step the chat shows in
/// place (the colleague guidance, the form, its problems, the check step) as the dialog's next card, taken by
/// <see cref="SupportRequesting"/> exactly as in the chat. A dialog is seen only by the person who opened it, wherever
/// the welcome card was; what follows a sent request (the confirmation with the reference and the support to use now)
/// goes to their own chat with the bot, never to the group chat or channel (policy 4.11: support is confidential).
/// </summary>
internal sealed partial class SupportDialog(
    SupportRequesting requesting,
    SupportCards cards,
    IncidentCards incidentCards,
    OwnChat ownChat,
    IOptions<SupportResourcesOptions> resources,
    TimeProvider time,
    ILogger<SupportDialog> logger) : IDialogForm
{
    public const string FormName = "support";

    public string Name => FormName;

    public string Title => "Get support with harassment";

    /// <summary>
    /// The support steps' own rules, as in the chat (a replayed submission id closes with the reference only for its
    /// sender), and "Report an incident" on the colleague card: the empty incident form, sent as the welcome card's.
    /// </summary>
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = requesting.Verbs
        .Append(KeyValuePair.Create(IncidentVerbs.Start, VerbRule.NoRecord))
        .ToDictionary(StringComparer.Ordinal);

    public DialogStep Open(ITurnContext turn) => new DialogStep.Show(cards.Welcome(new SupportForm()));

    public async Task<DialogStep> SubmitAsync(ITurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var verb = FormInputs.Text(data, "verb") ?? "";
        if (verb == IncidentVerbs.Start)
        {
            return new DialogStep.Show(incidentCards.Form(IncidentFormCard.New(CardDates.UkDay(time.GetUtcNow()))), "Report a social media incident");
        }

        switch (await requesting.StepAsync(turn, new CardAction(verb, data), cancellationToken))
        {
            case SupportStep.Show show:
                return new DialogStep.Show(show.Card);
            case SupportStep.Sent { Referral: var referral }:
                return await ConfirmPrivatelyAsync(turn, referral, cancellationToken);
            case SupportStep.Refused refused:
                return new DialogStep.Close(refused.Message);
            default:
                return new DialogStep.Close(Visibility.FormAlreadyUsed);
        }
    }

    /// <summary>
    /// The confirmation card through the outbox to the person's own chat (keyed: a retried send queues it once). The
    /// dialog's last words name the reference and what happens next, nothing the person wrote, in case a screen is shared.
    /// </summary>
    private async Task<DialogStep> ConfirmPrivatelyAsync(ITurnContext turn, SupportReferral referral, CancellationToken cancellationToken)
    {
        var confirmation = Activity.CreateMessage(attachments: cards.Requested(referral));
        confirmation.Summary = $"Your support request {referral.Reference} is with us";
        var reach = await ownChat.SendAsync(turn, confirmation, cancellationToken, SupportNotices.StepKey(referral, "dialog-requested"));
        var sent = $"Sent confidentially to the Comms case handlers as {referral.Reference}. {resources.Value.ReplyExpectationText}";
        if (reach.IsQueued)
        {
            return new DialogStep.Close($"{sent} I have sent the details and the support you can use now to your private chat with the Social Media Desk.");
        }

        LogPersonUnreachable(logger, referral.Reference);
        return new DialogStep.Close($"{sent} I could not open a private chat with you: message the Social Media Desk \"my requests\" in a private chat to see it.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm {Reference} to its sender: the bot cannot reach them in a personal chat")]
    private static partial void LogPersonUnreachable(ILogger logger, string reference);
}
