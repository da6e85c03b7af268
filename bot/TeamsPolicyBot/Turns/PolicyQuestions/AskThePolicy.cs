using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Policy;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns.Welcome;

namespace TeamsPolicyBot.Turns.PolicyQuestions;

/// <summary>
/// "Ask the policy": text in the personal chat that is no command is answered with the policy's own words, the one to
/// three clauses that match it best, each linked to the policy, and the button of the workflow that fits. When no
/// clause matches well enough, it says so and shows the welcome card. No generative model: a search over the clauses.
/// </summary>
internal sealed partial class AskThePolicy(PolicySearch search, PolicyLinks links, CardTemplates cards, WelcomeCommand welcome, ILogger<AskThePolicy> logger)
{
    internal const string NoMatch = "I couldn't find anything in the social media policy about that. Here is what I can help with.";

    /// <summary>
    /// The workflow that acts on what a clause is about. A question matched to "report incidents to Comms" (6.1) gets
    /// the incident button; one matched to the rules for new official accounts (3.3) gets the request button.
    /// </summary>
    private static readonly Dictionary<string, string> ActionOfClause = new(StringComparer.Ordinal)
    {
        ["3.1"] = "account.request",
        ["3.2"] = "account.request",
        ["3.3"] = "account.request",
        ["4.2"] = "account.request",
        ["4.12"] = "account.request",
        ["4.14"] = "account.request",
        ["4.8"] = "incident.report",
        ["4.9"] = "incident.report",
        ["4.18"] = "incident.report",
        ["4.22"] = "incident.report",
        ["4.23"] = "incident.report",
        ["5.2"] = "incident.report",
        ["6.1"] = "incident.report",
        ["6.2"] = "incident.report",
        ["4.11"] = "support.start",
        ["6.3"] = "support.start",
    };

    public async Task HandleAsync(ITurnContext turn, string question, CancellationToken cancellationToken)
    {
        var found = search.Answer(question);
        LogAnswered(logger, found.Count);
        var reply = found.Count == 0
            ? Activity.CreateMessage(NoMatch, welcome.Card(turn.Activity))
            : Activity.CreateMessage(attachments: cards.RenderAttachment(SharedCardNames.PolicyAnswer, Card(question, found)));
        await turn.SendAsync(reply, cancellationToken);
    }

    internal PolicyAnswerCard Card(string question, IReadOnlyList<PolicyHit> found) => new(
        Markdown.Escape(question),
        [.. found.Select(hit => new PolicyAnswerClause(hit.Number, links.Clause(hit.Number), hit.Heading, Markdown.Escape(hit.Text)))],
        found.Select(hit => ActionOfClause.GetValueOrDefault(hit.Number)).FirstOrDefault(action => action is not null));

    // The question is not logged: it is the person's own words, and may be about something that hurt them.
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a question in a personal chat from the policy with {ClauseCount} clause(s)")]
    private static partial void LogAnswered(ILogger logger, int clauseCount);
}

/// <summary>The data of cards/shared/policy-answer.json.</summary>
/// <param name="Action">The verb of the button that fits ("incident.report"), or null for none.</param>
internal sealed record PolicyAnswerCard(string Question, IReadOnlyList<PolicyAnswerClause> Clauses, string? Action);

/// <param name="Link">The number as a markdown link to the clause, or the plain number when no policy page is known.</param>
internal sealed record PolicyAnswerClause(string Number, string Link, string Heading, string Text);
