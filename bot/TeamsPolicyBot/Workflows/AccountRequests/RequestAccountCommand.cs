using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>"Request an official account": the empty form, in the person's private chat with the bot.</summary>
internal sealed class RequestAccountCommand(AccountRequestCards cards) : IBotCommand
{
    public string Verb => AccountRequestVerbs.Start;

    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } =
        ["request account", "request an account", "request an official account", "new account", "official account"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            return turn.SendAsync(Activity.CreateMessage("Requests are made in a private chat: message me \"request account\" there."), cancellationToken);
        }

        var form = Activity.CreateMessage(attachments: cards.Form(RequestFormCard.New()));
        form.Summary = "Request an official social media account";
        return turn.SendAsync(form, cancellationToken);
    }
}
