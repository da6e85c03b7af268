using System.Globalization;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>
/// The reporter answering a question from Comms in their personal chat: the answer is kept on the
/// incident (once per question) and relayed into the Comms thread as a reply.
/// </summary>
internal sealed class IncidentAnswers(IIncidents incidents, IncidentCards cards, IncidentThread thread, Visibility visibility, TimeProvider time) : ICardActionHandler
{
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        [IncidentVerbs.Answer] = new(RecordKind.Incident, RecordViews.Starter),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var number = action.GetInt32(IncidentFields.QuestionNumber) ?? 0;
        var answer = action.GetString(IncidentFields.Answer);
        var outcome = await incidents.ApplyAsync(
            action.GetString(IncidentFields.Reference) ?? string.Empty,
            incident => incident.AnswerQuestion(turn.Actor(), number, answer, time.GetUtcNow()),
            cancellationToken);

        if (outcome.Changed is { } answered)
        {
            await incidents.ShowAsync(answered, cancellationToken);
            await RelayAnswerAsync(answered, cancellationToken);
            return InvokeResponse.Card(cards.Question(answered, answered.Questions.First(q => q.Number == number)));
        }

        // The question card is the reporter's; anyone else hears only the refusal, whatever it was.
        if (outcome.Current is not { } reported || !visibility.May(turn, reported.People(), RecordViews.Starter))
        {
            return InvokeResponse.Message(outcome.Current is null ? Visibility.NotFound(RecordKind.Incident) : outcome.RefusalMessage);
        }

        // An empty answer: the same card again, with the problem next to the box.
        if (outcome is { Refusal.Kind: IncidentRefusalKind.InvalidInput, Current: { } current } && current.Questions.FirstOrDefault(q => q.Number == number) is { } question)
        {
            return InvokeResponse.Card(cards.Question(current, question, outcome.RefusalMessage));
        }

        // A second click or a retried invoke: show the answer already given.
        if (outcome is { Refusal.Kind: IncidentRefusalKind.AlreadyAnswered, Current: { } already })
        {
            return InvokeResponse.Card(cards.Question(already, already.Questions.First(q => q.Number == number)));
        }

        return InvokeResponse.Message(outcome.RefusalMessage);
    }

    /// <summary>Into the Comms thread; for a confidential incident to the support case handlers instead, and the thread hears only that it was answered.</summary>
    private async Task RelayAnswerAsync(Incident incident, CancellationToken cancellationToken)
    {
        var answered = incident.Questions.Where(q => q.IsAnswered).MaxBy(q => q.AnsweredAt)!;
        var number = answered.Number.ToString(CultureInfo.InvariantCulture);
        var answer = $"**{Markdown.Escape(incident.Reporter.Name)} answered question {number}** (\"{Markdown.Escape(answered.Question)}\"):\n\n{Markdown.Escape(answered.Answer)}";
        if (!incident.IsConfidential)
        {
            await thread.ReplyAsync(incident, answer, cancellationToken);
            return;
        }

        await thread.TellCaseHandlersAsync(
            incident,
            () => Activity.CreateMessage($"Confidential incident {incident.Reference}: {answer}"),
            $"The reporter of {incident.Reference} answered a question",
            handler => TriageChannelCard.StepKey(incident, "answer/" + handler),
            cancellationToken);
        await thread.ReplyAsync(incident, $"The reporter answered question {number}. This report is confidential, so the answer went to the support case handlers only.", cancellationToken);
    }
}
