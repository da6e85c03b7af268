using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Turns;

/// <summary>
/// Something a person can ask the bot to do, by typing one of its <see cref="Phrases"/> or by
/// clicking an Action.Submit button whose data carries its <see cref="Verb"/>.
/// </summary>
internal interface IBotCommand
{
    /// <summary>The verb buttons carry, e.g. "account.request".</summary>
    string Verb { get; }

    /// <summary>What its answer may show about a record.</summary>
    VerbRule Rule { get; }

    /// <summary>What a person may type, lower case, without punctuation, e.g. "request account".</summary>
    IReadOnlyCollection<string> Phrases { get; }

    /// <summary>Whether a phrase may be followed by words for the command to read ("accounts malaria"): a search, never a different command.</summary>
    bool TakesWords => false;

    Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken);
}
