using System.Text.Json;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// "Request an official account" on the welcome card, in a dialog: the same form as "request account" in the chat,
/// checked and stored by <see cref="AccountRequestSubmission"/>. The confirmation card goes to the person's own chat.
/// </summary>
internal sealed class RequestAccountDialog(AccountRequestSubmission submission, AccountRequestCards cards, OwnChat ownChat) : IDialogForm
{
    public const string FormName = "account";

    public string Name => FormName;

    public string Title => "Request an official social media account";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // A replayed submission id closes with the reference only for whoever made the request.
        [AccountRequestVerbs.Submit] = new(RecordKind.AccountRequest, RecordViews.Starter),
    };

    public DialogStep Open(ITurnContext turn) => new DialogStep.Show(cards.Form(RequestFormCard.New()));

    public async Task<DialogStep> SubmitAsync(ITurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        switch (await submission.SubmitFormAsync(turn, AccountRequestForm.FromJson(data), cancellationToken))
        {
            case SubmittedRequest.Invalid invalid:
                return new DialogStep.Show(cards.Form(invalid.Card));
            case SubmittedRequest.Stored { Request: var request }:
                var confirmation = Activity.CreateMessage(attachments: cards.Submitted(request));
                confirmation.Summary = $"Your request {request.Reference} is with Comms";
                await ownChat.SendAsync(turn, confirmation, cancellationToken, $"account-request/{request.Reference}/dialog-submitted/{request.SubmissionId}");
                return new DialogStep.Close($"Sent to Comms as {request.Reference}. I have sent the details to your private chat with the Social Media Desk.");
            case SubmittedRequest.Refused refused:
                return new DialogStep.Close(refused.Message);
            default:
                return new DialogStep.Close(Visibility.FormAlreadyUsed);
        }
    }
}
