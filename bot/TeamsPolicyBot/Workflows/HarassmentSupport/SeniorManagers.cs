using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// "The university's senior managers for social media incidents": the people in <c>Escalation:ContactIds</c>, whom
/// Comms escalates serious incidents to and who are told at once about an urgent support request. The check step names
/// them, so the person knows exactly who will hear that they feel unsafe.
/// </summary>
internal sealed class SeniorManagers(IOptions<EscalationOptions> escalation, IPersonNames names)
{
    /// <summary>The one phrase every card uses for them.</summary>
    public const string Phrase = "the university's senior managers for social media incidents";

    /// <summary>Their names, escaped, joined ("Helen Okafor and Tom Price"); someone Teams cannot name yet is "one more senior manager".</summary>
    public async Task<string> NamesAsync(CancellationToken cancellationToken)
    {
        var shown = new List<string>();
        foreach (var id in escalation.Value.ContactIds)
        {
            var name = await names.FindNameAsync(id, cancellationToken);
            shown.Add(name?.DisplayName is { Length: > 0 } display ? Markdown.Escape(display) : "one more senior manager");
        }

        return shown.Count switch
        {
            0 => "",
            1 => shown[0],
            _ => string.Join(", ", shown[..^1]) + " and " + shown[^1],
        };
    }
}
