using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "Get support": the warm support card, in the person's private chat. Handed over from the incident form
/// (Action.Submit <c>support.start</c> with the typed incident under <c>form</c>), what fits is carried on.
/// </summary>
internal sealed class GetSupportCommand(SupportCards cards, TimeProvider time) : IBotCommand
{
    public string Verb => SupportVerbs.Start;

    // What the incident form handed over is the sender's own typing.
    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["get support", "support", "harassment", "get support with harassment", "i need support", "help with harassment"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            return turn.SendAsync(Activity.CreateMessage("Support is private: message me \"get support\" in a private chat, and only the people who need to will know."), cancellationToken);
        }

        var prefill = turn.Activity.Value is { } value ? SupportForm.FromIncidentForm(value, CardDates.UkDay(time.GetUtcNow())) : new SupportForm();
        var card = Activity.CreateMessage(attachments: cards.Welcome(prefill));
        card.Summary = "You are not alone: support is available";
        return turn.SendAsync(card, cancellationToken);
    }
}
