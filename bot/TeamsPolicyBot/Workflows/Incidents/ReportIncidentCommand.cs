using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.Incidents.Cards;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>"Report an incident": the empty form, in the person's private chat with the bot.</summary>
internal sealed class ReportIncidentCommand(IncidentCards cards, TimeProvider time) : IBotCommand
{
    public string Verb => IncidentVerbs.Start;

    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["report incident", "report an incident", "report", "incident"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            return turn.SendAsync(Activity.CreateMessage("Incidents are reported in a private chat: message me \"report incident\" there."), cancellationToken);
        }

        var form = Activity.CreateMessage(attachments: cards.Form(IncidentFormCard.New(CardDates.UkDay(time.GetUtcNow()))));
        form.Summary = "Report a social media incident";
        return turn.SendAsync(form, cancellationToken);
    }
}
