using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Turns.Dialogs;

/// <summary>
/// What a submitted dialog does next, said once for both ways a dialog opens: from a message action (answered as a
/// <c>composeExtension</c>) and from a card button (answered as a <c>task</c>).
/// </summary>
internal abstract record DialogStep
{
    /// <summary>The dialog stays open with this card (the form again with its problems, the support offer).</summary>
    /// <param name="Title">The dialog's title for this card, when it is not the form's own (another workflow's form opened from it).</param>
    public sealed record Show(Attachment Card, string? Title = null) : DialogStep;

    /// <summary>The dialog closes, showing this short text.</summary>
    public sealed record Close(string Text) : DialogStep;

    /// <summary>The step as the answer to <c>task/fetch</c> or <c>task/submit</c>.</summary>
    public InvokeResponse AsTask(string title) => this switch
    {
        Show show => Dialog(show.Title ?? title, show.Card),
        Close close => InvokeResponse.Task(TaskResponse.Message(close.Text)),
        _ => throw new InvalidOperationException($"Unknown dialog step {GetType().Name}."),
    };

    /// <summary>
    /// The step as the answer to <c>composeExtension/submitAction</c>. Teams documents a compose extension result for
    /// submitAction (and the <c>task</c> message only for <c>task/submit</c>), so a close is a <c>composeExtension</c> message.
    /// </summary>
    public InvokeResponse AsComposeExtension(string title) => this switch
    {
        Show show => Dialog(show.Title ?? title, show.Card),
        Close close => InvokeResponse.ComposeExtension(ComposeExtensionResponse.Message(close.Text)),
        _ => throw new InvalidOperationException($"Unknown dialog step {GetType().Name}."),
    };

    /// <summary>Opens (or keeps open) a dialog with the same card template the chat shows, its buttons made to post back to the dialog.</summary>
    public static InvokeResponse Dialog(string title, Attachment card) =>
        InvokeResponse.Task(TaskResponse.Continue(title, DialogCards.ForDialog(card.Content ?? default)));
}
