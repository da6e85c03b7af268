using System.Text.Json;
using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Turns.Dialogs;

/// <summary>
/// A form that a card button can open in a Teams dialog (<c>task/fetch</c>, button data <c>{"form": Name}</c>) and
/// whose submit (<c>task/submit</c>) is checked and stored by the same use case as the form in the chat.
/// </summary>
internal interface IDialogForm
{
    /// <summary>What the button's data names in <c>form</c>.</summary>
    string Name { get; }

    /// <summary>The dialog's title.</summary>
    string Title { get; }

    /// <summary>The verbs the form's buttons carry into <c>task/submit</c>, with what each answer may show about a record.</summary>
    IReadOnlyDictionary<string, VerbRule> Verbs { get; }

    /// <summary>The empty form.</summary>
    DialogStep Open(ITurnContext turn);

    /// <summary>The form's inputs merged with its button's data (which carries one of <see cref="Verbs"/>).</summary>
    Task<DialogStep> SubmitAsync(ITurnContext turn, JsonElement data, CancellationToken cancellationToken);
}
