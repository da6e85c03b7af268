using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.MyRequests;

/// <summary>"My requests": everything the person started, in every workflow, newest first.</summary>
internal sealed class MyRequestsCommand(IMyRequests myRequests, CardTemplates cards) : IBotCommand
{
    public string Verb => "requests.mine";

    // It lists the sender's own requests only.
    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["my requests", "requests", "my reports", "status"];

    public async Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        // Someone else's requests are nobody else's business: in a channel, answer in a way that shows nothing.
        if (!turn.Activity.IsInPersonalChat())
        {
            await turn.SendAsync(Activity.CreateMessage("Your requests are private: ask me \"my requests\" in our personal chat."), cancellationToken);
            return;
        }

        var items = turn.Activity.From?.AadObjectId is { } person
            ? await myRequests.ListAsync(person, cancellationToken: cancellationToken)
            : [];
        var card = MyRequestsCard.Create(items.Select(item =>
            new MyRequestLine(item.Reference, item.Kind, Markdown.Escape(item.Title), item.Status, item.CreatedAt)));

        await turn.SendAsync(Activity.CreateMessage(attachments: cards.RenderAttachment(SharedCardNames.MyRequests, card)), cancellationToken);
    }
}
